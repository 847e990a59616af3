import fc from 'fast-check';

/** A modal as the bot built it: what a submission of it carries back. */
export interface CapturedView {
  callbackId: string;
  privateMetadata: string;
  blocks: Record<string, unknown>[];
}

type Value = Record<string, unknown>;

/** Any option Slack could send back (or a crafted one): short or long values, odd texts. */
const option = fc.record({
  text: fc.record({ type: fc.constant('plain_text'), text: fc.string({ maxLength: 100 }) }),
  value: fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.string({ minLength: 140, maxLength: 200 }),
    fc.constantFrom('1', '3', '5', '0', '-1'),
  ),
});

const text = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 60 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 60 }) },
  { weight: 1, arbitrary: fc.string({ minLength: 2_900, maxLength: 3_100 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('<!channel>', 'team-a-dev', 'worker-pool', '3', '0', '-5', '1e3', ' ', ''),
  },
);

/** What Slack sends back for an input of this element type: the right shape, any content (options never offered). */
function valueFor(type: string): fc.Arbitrary<Value> {
  switch (type) {
    case 'plain_text_input':
    case 'number_input':
    case 'email_text_input':
    case 'url_text_input':
      return fc.record({ type: fc.constant(type), value: fc.option(text, { freq: 5 }) });
    case 'static_select':
    case 'external_select':
    case 'radio_buttons':
    case 'users_select':
    case 'conversations_select':
      return fc.record({ type: fc.constant(type), selected_option: fc.option(option, { freq: 5 }) });
    default:
      return fc.record({ type: fc.constant(type), selected_options: fc.array(option, { maxLength: 25 }) });
  }
}

/** Any element type's value: for blocks the view does not have (a stale or crafted view). */
const anyValue = fc
  .constantFrom('plain_text_input', 'number_input', 'static_select', 'multi_external_select', 'checkboxes')
  .chain(valueFor);

/** The input blocks of a view: block id, the action id and the type of its element. */
function inputsOf(view: CapturedView): [string, string, string][] {
  return view.blocks.flatMap((block) => {
    const element = block.element as { action_id?: unknown; type?: unknown } | undefined;
    return block.type === 'input' &&
      typeof block.block_id === 'string' &&
      typeof element?.action_id === 'string' &&
      typeof element.type === 'string'
      ? [[block.block_id, element.action_id, element.type] as [string, string, string]]
      : [];
  });
}

/** State values for a view: each of its inputs filled (or left out) as Slack would send it, plus stray blocks. */
function stateFor(view: CapturedView) {
  const inputs = inputsOf(view);
  const filled = fc
    .tuple(...inputs.map(([, , type]) => fc.option(valueFor(type), { freq: 4 })))
    .map((values) => {
      const state: Record<string, Value> = {};
      inputs.forEach(([blockId, actionId], index) => {
        const value = values[index];
        if (value) state[blockId] = { [actionId]: value };
      });
      return state;
    });
  const stray = fc.dictionary(
    fc.string({ maxLength: 20 }),
    fc.dictionary(fc.string({ maxLength: 20 }), anyValue, { maxKeys: 2 }),
    { maxKeys: 3 },
  );
  return fc.tuple(filled, stray).map(([state, extra]) => ({ ...extra, ...state }));
}

/** private_metadata as sent, or altered: another step or draft, cut short, any JSON, any text, empty. */
function metadataFor(view: CapturedView) {
  const altered = fc.jsonValue({ maxDepth: 2 }).map((json) => JSON.stringify(json));
  let parsed: Record<string, unknown> | undefined;
  try {
    parsed = JSON.parse(view.privateMetadata) as Record<string, unknown>;
  } catch {
    parsed = undefined;
  }
  return fc.oneof(
    { weight: 5, arbitrary: fc.constant(view.privateMetadata) },
    {
      weight: 2,
      arbitrary: fc
        .record({
          key: fc.constantFrom(...Object.keys(parsed ?? { x: 1 })),
          value: fc.oneof(
            fc.string({ maxLength: 70 }),
            fc.constantFrom('cluster', 'control-plane', 'workers', 'packs', 'review', 'delete', 'abort'),
          ),
        })
        .map(({ key, value }) => JSON.stringify({ ...parsed, [key]: value })),
    },
    {
      weight: 1,
      arbitrary: fc.constant(view.privateMetadata.slice(0, Math.floor(view.privateMetadata.length / 2))),
    },
    { weight: 1, arbitrary: altered },
    { weight: 1, arbitrary: fc.string({ maxLength: 3_000 }) },
    { weight: 1, arbitrary: fc.constant('') },
  );
}

/** A view_submission of one of the bot's modals (or of a modal it never made), with any values in it. */
export function viewSubmission(views: readonly CapturedView[]) {
  const known = fc.constantFrom(...views).chain((view) =>
    fc.record({
      callbackId: fc.oneof(
        { weight: 9, arbitrary: fc.constant(view.callbackId) },
        { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
      ),
      privateMetadata: metadataFor(view),
      blocks: fc.oneof(
        { weight: 9, arbitrary: fc.constant(view.blocks) },
        { weight: 1, arbitrary: fc.constant([]) },
      ),
      values: stateFor(view),
    }),
  );
  return known;
}
