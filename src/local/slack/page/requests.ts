import { z } from 'zod';

const option = z.strictObject({ value: z.string().max(2_000), text: z.string().max(2_000).optional() });
/** What a person entered in one element, as the emulator takes it (`EnteredValue`). */
const entered = z.union([
  z.string().max(10_000),
  z.number(),
  z.array(z.string().max(2_000)).max(100),
  option,
  z.array(option).max(100),
  z.null(),
]);
const values = z.record(z.string().max(600), entered);
const user = z.string().regex(/^[UW][A-Z0-9]+$/, 'user must be a Slack user id');
const viewId = z.string().min(1).max(40);

/** The page's requests: one per thing a person does, sent as that person. */
export const PageRequests = {
  /** A line typed in the message box (`/maas list`), in a channel or a DM (`channel` = the user id for the DM). */
  command: z.strictObject({ user, channel: z.string().min(1).max(40), text: z.string().max(4_000) }),
  /** A click or a pick in a message or an open view; `values` = what the person typed in the view so far. */
  click: z.strictObject({
    user,
    target: z.union([
      z.strictObject({ channel: z.string().min(1).max(40), ts: z.string().min(1).max(40) }),
      z.strictObject({ viewId }),
    ]),
    actionId: z.string().min(1).max(255),
    choice: entered.optional(),
    values: values.optional(),
  }),
  submit: z.strictObject({ user, viewId, values: values.optional() }),
  dismiss: z.strictObject({ user, viewId }),
  /** Typing into an external select: the bot is asked for options. */
  suggest: z.strictObject({ user, viewId, actionId: z.string().min(1).max(255), query: z.string().max(200) }),
  /** Opening the App Home tab. */
  home: z.strictObject({ user }),
} as const;

/** The body of each page request. */
export type PageRequest = { [K in keyof typeof PageRequests]: z.infer<(typeof PageRequests)[K]> };
