import { z } from 'zod';

/**
 * Block Kit as Slack checks it, for the emulator: the blocks and elements the bot may send, with Slack's length
 * and count limits (docs.slack.dev "Block Kit" reference). Objects are strict, as Slack rejects unknown fields;
 * rarely used block types are accepted as they come.
 */

const plain = (max: number) =>
  z.strictObject({
    type: z.literal('plain_text'),
    text: z.string().min(1).max(max),
    emoji: z.boolean().optional(),
  });
const mrkdwn = (max: number) =>
  z.strictObject({
    type: z.literal('mrkdwn'),
    text: z.string().min(1).max(max),
    verbatim: z.boolean().optional(),
  });
const text = (max: number) => z.discriminatedUnion('type', [plain(max), mrkdwn(max)]);

const option = (label: z.ZodType) =>
  z.strictObject({
    text: label,
    value: z.string().max(150).optional(),
    description: plain(75).optional(),
    url: z.string().max(3000).optional(),
  });
const selectOption = option(plain(75));
const choiceOption = option(text(75));
const optionGroup = z.strictObject({ label: plain(75), options: z.array(selectOption).min(1).max(100) });
const confirm = z.strictObject({
  title: plain(100),
  text: text(300),
  confirm: plain(30),
  deny: plain(30),
  style: z.enum(['primary', 'danger']).optional(),
});
const dispatchConfig = z.strictObject({
  trigger_actions_on: z.array(z.enum(['on_enter_pressed', 'on_character_entered'])).optional(),
});

const common = {
  action_id: z.string().min(1).max(255).optional(),
  confirm: confirm.optional(),
  focus_on_load: z.boolean().optional(),
  placeholder: plain(150).optional(),
};
const maxItems = { max_selected_items: z.number().int().min(1).optional() };
const element = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) =>
  z.strictObject({ type: z.literal(type), ...common, ...shape });
const loose = <T extends string>(type: T) => z.looseObject({ type: z.literal(type) });

const button = element('button', {
  text: plain(75),
  value: z.string().max(2000).optional(),
  url: z.string().max(3000).optional(),
  style: z.enum(['primary', 'danger']).optional(),
  accessibility_label: z.string().max(75).optional(),
});
const staticSelect = element('static_select', {
  options: z.array(selectOption).max(100).optional(),
  option_groups: z.array(optionGroup).max(100).optional(),
  initial_option: selectOption.optional(),
});
const multiStaticSelect = element('multi_static_select', {
  options: z.array(selectOption).max(100).optional(),
  option_groups: z.array(optionGroup).max(100).optional(),
  initial_options: z.array(selectOption).optional(),
  ...maxItems,
});
const externalSelect = element('external_select', {
  initial_option: selectOption.optional(),
  min_query_length: z.number().int().min(0).optional(),
});
const multiExternalSelect = element('multi_external_select', {
  initial_options: z.array(selectOption).optional(),
  min_query_length: z.number().int().min(0).optional(),
  ...maxItems,
});
const usersSelect = element('users_select', { initial_user: z.string().optional() });
const multiUsersSelect = element('multi_users_select', {
  initial_users: z.array(z.string()).optional(),
  ...maxItems,
});
const conversationFilter = z.looseObject({});
const conversationsSelect = element('conversations_select', {
  initial_conversation: z.string().optional(),
  default_to_current_conversation: z.boolean().optional(),
  filter: conversationFilter.optional(),
  response_url_enabled: z.boolean().optional(),
});
const multiConversationsSelect = element('multi_conversations_select', {
  initial_conversations: z.array(z.string()).optional(),
  default_to_current_conversation: z.boolean().optional(),
  filter: conversationFilter.optional(),
  ...maxItems,
});
const channelsSelect = element('channels_select', {
  initial_channel: z.string().optional(),
  response_url_enabled: z.boolean().optional(),
});
const multiChannelsSelect = element('multi_channels_select', {
  initial_channels: z.array(z.string()).optional(),
  ...maxItems,
});
const overflow = element('overflow', { options: z.array(selectOption).min(1).max(5) });
const datepicker = element('datepicker', {
  initial_date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
});
const timepicker = element('timepicker', {
  initial_time: z
    .string()
    .regex(/^\d{2}:\d{2}$/)
    .optional(),
  timezone: z.string().optional(),
});
const datetimepicker = element('datetimepicker', { initial_date_time: z.number().int().optional() });
const checkboxes = element('checkboxes', {
  options: z.array(choiceOption).min(1).max(10),
  initial_options: z.array(choiceOption).optional(),
});
const radioButtons = element('radio_buttons', {
  options: z.array(choiceOption).min(1).max(10),
  initial_option: choiceOption.optional(),
});
const textInput = {
  initial_value: z.string().optional(),
  dispatch_action_config: dispatchConfig.optional(),
};
/** Slack's longest plain-text input, and so its longest initial value. */
const TEXT_INPUT_MAX = 3000;
const plainTextInput = element('plain_text_input', {
  ...textInput,
  multiline: z.boolean().optional(),
  min_length: z.number().int().min(0).max(TEXT_INPUT_MAX).optional(),
  max_length: z.number().int().min(1).max(TEXT_INPUT_MAX).optional(),
})
  .refine((input) => (input.min_length ?? 0) <= (input.max_length ?? TEXT_INPUT_MAX), {
    message: 'min_length must not be more than max_length',
    path: ['min_length'],
  })
  // A value the person could not type (too long to submit) is refused up front.
  .refine((input) => (input.initial_value?.length ?? 0) <= (input.max_length ?? TEXT_INPUT_MAX), {
    message: 'initial_value must not be longer than max_length',
    path: ['initial_value'],
  });
const numberInput = element('number_input', {
  ...textInput,
  is_decimal_allowed: z.boolean(),
  min_value: z.string().optional(),
  max_value: z.string().optional(),
});
const emailInput = element('email_text_input', textInput);
const urlInput = element('url_text_input', textInput);
const imageElement = z.strictObject({
  type: z.literal('image'),
  image_url: z.string().max(3000).optional(),
  slack_file: z.looseObject({}).optional(),
  alt_text: z.string().min(1).max(2000),
});

const selects = [
  staticSelect,
  multiStaticSelect,
  externalSelect,
  multiExternalSelect,
  usersSelect,
  multiUsersSelect,
  conversationsSelect,
  multiConversationsSelect,
  channelsSelect,
  multiChannelsSelect,
] as const;
const pickers = [datepicker, timepicker, datetimepicker, checkboxes, radioButtons] as const;
const interactive = z.discriminatedUnion('type', [
  button,
  overflow,
  ...selects,
  ...pickers,
  loose('workflow_button'),
  loose('icon_button'),
  loose('feedback_buttons'),
  plainTextInput,
  numberInput,
  emailInput,
  urlInput,
  loose('rich_text_input'),
]);
const accessory = z.discriminatedUnion('type', [
  button,
  overflow,
  ...selects,
  ...pickers,
  imageElement,
  loose('workflow_button'),
]);
const inputElement = z.discriminatedUnion('type', [
  ...selects,
  ...pickers,
  plainTextInput,
  numberInput,
  emailInput,
  urlInput,
  loose('rich_text_input'),
  loose('file_input'),
]);

const blockId = { block_id: z.string().min(1).max(255).optional() };
const section = z
  .strictObject({
    type: z.literal('section'),
    ...blockId,
    text: text(3000).optional(),
    fields: z.array(text(2000)).min(1).max(10).optional(),
    accessory: accessory.optional(),
    expand: z.boolean().optional(),
  })
  .refine((block) => block.text !== undefined || block.fields !== undefined, {
    message: 'a section needs text or fields',
  });
const block = z.discriminatedUnion('type', [
  section,
  z.strictObject({ type: z.literal('header'), ...blockId, text: plain(150) }),
  z.strictObject({ type: z.literal('divider'), ...blockId }),
  z.strictObject({
    type: z.literal('context'),
    ...blockId,
    elements: z
      .array(z.discriminatedUnion('type', [plain(3000), mrkdwn(3000), imageElement]))
      .min(1)
      .max(10),
  }),
  z.strictObject({ type: z.literal('actions'), ...blockId, elements: z.array(interactive).min(1).max(25) }),
  z.strictObject({
    type: z.literal('input'),
    ...blockId,
    label: plain(2000),
    element: inputElement,
    hint: plain(2000).optional(),
    optional: z.boolean().optional(),
    dispatch_action: z.boolean().optional(),
  }),
  z.strictObject({
    type: z.literal('image'),
    ...blockId,
    image_url: z.string().max(3000).optional(),
    slack_file: z.looseObject({}).optional(),
    alt_text: z.string().min(1).max(2000),
    title: plain(2000).optional(),
  }),
  z.strictObject({ type: z.literal('markdown'), ...blockId, text: z.string().min(1).max(12000) }),
  loose('rich_text'),
  loose('video'),
  loose('file'),
  loose('table'),
]);

/** A Block Kit block as the emulator stores it (already checked). */
export type CheckedBlock = z.infer<typeof block>;

type AnyRecord = Record<string, unknown>;
const records = (value: unknown): AnyRecord[] =>
  Array.isArray(value)
    ? value.filter((item): item is AnyRecord => typeof item === 'object' && item !== null)
    : [];

/** The interactive elements of one block (accessory, actions elements, input element). */
export function blockElements(item: AnyRecord): AnyRecord[] {
  if (item.type === 'actions') return records(item.elements);
  const single = item.type === 'input' ? item.element : item.type === 'section' ? item.accessory : undefined;
  return typeof single === 'object' && single !== null ? [single as AnyRecord] : [];
}

const optionValues = (element: AnyRecord) =>
  new Set(
    [
      ...records(element.options),
      ...records(element.option_groups).flatMap((group) => records(group.options)),
    ].map((item) => item.value),
  );

/** Rules across blocks that a schema cannot say: unique block ids and action ids, initial options among options. */
function crossChecks(blocks: AnyRecord[], ctx: z.RefinementCtx): void {
  const blockIds = new Set<string>();
  blocks.forEach((item, index) => {
    const id = item.block_id;
    if (typeof id === 'string') {
      if (blockIds.has(id))
        ctx.addIssue({ code: 'custom', message: `duplicate block_id ${id}`, path: [index] });
      blockIds.add(id);
    }
    const actionIds = new Set<unknown>();
    for (const element of blockElements(item)) {
      if (element.action_id !== undefined && actionIds.has(element.action_id))
        ctx.addIssue({ code: 'custom', message: `duplicate action_id ${element.action_id}`, path: [index] });
      actionIds.add(element.action_id);
      if (!('options' in element || 'option_groups' in element)) continue;
      const values = optionValues(element);
      const initial = [element.initial_option, ...records(element.initial_options)].filter(
        (chosen): chosen is AnyRecord => typeof chosen === 'object' && chosen !== null,
      );
      if (initial.some((chosen) => !values.has(chosen.value)))
        ctx.addIssue({ code: 'custom', message: 'initial option must be one of the options', path: [index] });
    }
  });
}

const blocksOf = (max: number) =>
  z
    .array(block)
    .max(max)
    .superRefine((items, ctx) => crossChecks(items, ctx));

const viewFields = {
  blocks: blocksOf(100),
  private_metadata: z.string().max(3000).optional(),
  callback_id: z.string().max(255).optional(),
  external_id: z.string().max(255).optional(),
};
const modal = z
  .strictObject({
    type: z.literal('modal'),
    title: plain(24),
    close: plain(24).optional(),
    submit: plain(24).optional(),
    clear_on_close: z.boolean().optional(),
    notify_on_close: z.boolean().optional(),
    submit_disabled: z.boolean().optional(),
    ...viewFields,
  })
  .refine((view) => view.submit !== undefined || !view.blocks.some((item) => item.type === 'input'), {
    message: 'a modal with input blocks needs a submit button',
    path: ['submit'],
  });
const home = z.strictObject({ type: z.literal('home'), ...viewFields });
const viewSchema = z.discriminatedUnion('type', [modal, home]);

/** A view as the emulator stores it (already checked). */
export type CheckedView = z.infer<typeof viewSchema>;

/** Slack's way of naming a problem: `[ERROR] message [json-pointer:/view/blocks/0/text]`. */
function problems(error: z.ZodError, root: string): string[] {
  return error.issues.map(
    (issue) => `[ERROR] ${issue.message} [json-pointer:/${[root, ...issue.path.map(String)].join('/')}]`,
  );
}

export type Checked<T> = { ok: true; value: T } | { ok: false; problems: string[] };

/** Checks a view for views.open/update/push/publish and response_action update/push. */
export function checkView(view: unknown): Checked<CheckedView> {
  const parsed = viewSchema.safeParse(view);
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, problems: problems(parsed.error, 'view') };
}

/** Checks a message's blocks (at most 50) for chat.postMessage/update/postEphemeral and response URLs. */
export function checkMessageBlocks(blocks: unknown): Checked<CheckedBlock[]> {
  const parsed = blocksOf(50).safeParse(blocks);
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, problems: problems(parsed.error, 'blocks') };
}
