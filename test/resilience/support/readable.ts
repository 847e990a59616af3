import { FALLBACK_TEXT } from '../../../src/http/fallback';

/** The problem reported when a text is the fallback notice (a listener failed, or none answered). */
export const FALLBACK_PROBLEM = 'the fallback answer: a listener failed';

/** A `<!` that is not one of the special mentions the bot writes itself (user groups, dates). */
const UNESCAPED_SPECIAL = /<!(?!subteam\^[A-Z0-9]+(\|[^>]*)?>|date\^)/;
/** A line of a JavaScript stack trace. */
const STACK_LINE = /\n\s*at\s|\bat\s\S+\s\(\S+:\d+:\d+\)|\.ts:\d+:\d+/;

/**
 * Why `text`, shown to a person, is not a readable message; nothing when it is. `sentence` asks that it be one
 * (the answer's main text), else only that it be clean (texts inside blocks). `plainText` marks a text Slack
 * never renders as mrkdwn (a modal's field errors): `<!channel>` there is shown as typed and pings nobody.
 */
export function unreadable(
  text: string,
  options: { sentence?: boolean; plainText?: boolean } = {},
): string[] {
  const problems: string[] = [];
  if (options.sentence && (text.trim().length < 8 || !/[A-Za-z]{3,}/.test(text)))
    problems.push('not a sentence');
  if (STACK_LINE.test(text)) problems.push('a stack trace');
  if (text.includes('[object Object]')) problems.push('[object Object]');
  if (!options.plainText && UNESCAPED_SPECIAL.test(text)) problems.push('an unescaped <!');
  if (text.includes(FALLBACK_TEXT)) problems.push(FALLBACK_PROBLEM);
  return problems;
}

/** Every text a Block Kit answer shows (plain_text and mrkdwn alike), in order. */
export function blockTexts(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(blockTexts);
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, inner]) =>
    key === 'text' && typeof inner === 'string' ? [inner] : blockTexts(inner),
  );
}

/** The problems of a whole answer body: its main text must be a sentence, every other text clean. */
export function answerProblems(
  body: { text?: unknown; blocks?: unknown } & Record<string, unknown>,
): string[] {
  const main = typeof body.text === 'string' ? unreadable(body.text, { sentence: true }) : ['no text'];
  const rest = blockTexts(body.blocks ?? []).flatMap((text) => unreadable(text));
  const whole = JSON.stringify(body);
  return [...new Set([...main, ...rest, ...(UNESCAPED_SPECIAL.test(whole) ? ['an unescaped <!'] : [])])];
}
