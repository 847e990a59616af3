import fc from 'fast-check';
import { SUBCOMMAND_WORDS as SUBCOMMANDS } from '../../../src/domain/command';

/** First words people get wrong: other cases, typos, near names, flags, nothing. */
const MISTYPED = [
  'HELP',
  'Delete',
  'STATUS',
  'delte',
  'stauts',
  'lst',
  'gatway',
  'force_delete',
  'forcedelete',
  'scale-up',
  'create',
  'cluster',
  'pairing-code',
  '',
  '-',
  '--help',
  '?',
];

/** Words that mean something to Slack's mrkdwn or to a parser: mentions, markup, escapes, numbers at the edges. */
const SPECIAL_WORDS = [
  '<!channel>',
  '<!here>',
  '<!everyone>',
  '<!subteam^S0ADMINS>',
  '<@U0ADMIN>',
  '<#C0REQUESTS|platform-requests>',
  '<https://evil.example|click>',
  '*bold*',
  '_it_',
  '`code`',
  '```block```',
  '&amp;',
  '&lt;!channel&gt;',
  '<script>alert(1)</script>',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the literal text a person might paste, not a template.
  '${process.env}',
  '%s%s%n',
  '\\',
  '"',
  "'",
  'worker-pool',
  'control-plane-pool',
  'pairing-code',
  '0',
  '1',
  '3',
  '-1',
  '1e9',
  '9007199254740993',
  'NaN',
  'Infinity',
  '0x10',
  '🚀',
  'null',
  'undefined',
  '__proto__',
  'constructor',
];

const LOWER = 'abcdefghijklmnopqrstuvwxyz';
/** A name that could be a cluster's: a lowercase letter, then up to 40 of letters, digits and "-". */
const clusterLikeName = fc
  .tuple(
    fc.constantFrom(...LOWER),
    fc.string({ unit: fc.constantFrom(...`${LOWER}0123456789-`), maxLength: 40 }),
  )
  .map(([first, rest]) => `${first}${rest}`);

/** One argument: a cluster that exists, a name that could, a special word, or anything at all. */
function argument(names: readonly string[]) {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...names) },
    { weight: 3, arbitrary: clusterLikeName },
    { weight: 3, arbitrary: fc.constantFrom(...SPECIAL_WORDS) },
    { weight: 1, arbitrary: fc.integer({ min: -10, max: 2_000_000 }).map(String) },
    { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  );
}

/** What a person types after `/maas` when they mean a subcommand: a first word and as many arguments as it takes (0 to 3), sometimes more. */
export function grammarText(names: readonly string[]) {
  const separator = fc.oneof(
    { weight: 6, arbitrary: fc.constant(' ') },
    { weight: 1, arbitrary: fc.constantFrom('  ', '\t', '\n', ' \u00a0', ' \u200b') },
  );
  const first = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...SUBCOMMANDS) },
    { weight: 1, arbitrary: fc.constantFrom(...MISTYPED) },
  );
  const count = fc.oneof(
    { weight: 5, arbitrary: fc.integer({ min: 0, max: 3 }) },
    { weight: 1, arbitrary: fc.integer({ min: 4, max: 8 }) },
  );
  return fc
    .tuple(
      first,
      count.chain((n) => fc.array(argument(names), { minLength: n, maxLength: n })),
      separator,
    )
    .map(([word, rest, between]) => [word, ...rest].join(between));
}

/** Any text at all after `/maas`: printable, unicode graphemes, or raw code units, up to a few hundred characters. */
export function anyText() {
  return fc.oneof(
    { weight: 2, arbitrary: fc.string({ maxLength: 300 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 120 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 120 }) },
  );
}
