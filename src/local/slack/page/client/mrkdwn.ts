import { EMOJI } from './emoji';

/** Slack's mrkdwn, parsed into nodes the page draws with text nodes only (never as HTML). */
export type MrkdwnNode =
  | { kind: 'text'; text: string }
  | { kind: 'bold' | 'italic' | 'strike'; children: MrkdwnNode[] }
  | { kind: 'code'; text: string }
  | { kind: 'pre'; text: string }
  | { kind: 'quote'; children: MrkdwnNode[] }
  | { kind: 'link'; url: string; text: string }
  | { kind: 'mention'; target: 'user' | 'channel' | 'group' | 'special'; id: string; label?: string }
  | { kind: 'emoji'; name: string; char: string }
  | { kind: 'br' };

/** Slack escapes only these three in message text; anything else is shown as typed. */
export function decodeEntities(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** Only these schemes become clickable links; others are shown as text. */
const SAFE_LINK = /^(https?:\/\/|mailto:)/i;

// Emphasis opens after a non-word character and closes before one, with no space just inside (Slack's rule).
const emphasis = (mark: string) =>
  `(?<![\\p{L}\\p{N}_${mark}])${mark}(?!\\s)([^${mark}\\n]*?[^${mark}\\s])${mark}(?![\\p{L}\\p{N}_${mark}])`;
const INLINE = new RegExp(
  [
    '`([^`\\n]+)`',
    '<([^<>\\s][^<>]*)>',
    ":([a-z0-9_+'-]+):",
    emphasis('\\*'),
    emphasis('_'),
    emphasis('~'),
  ].join('|'),
  'gu',
);

function angle(content: string): MrkdwnNode {
  const [target = '', label] = content.split('|', 2) as [string, string | undefined];
  const labelled = (node: MrkdwnNode & { kind: 'mention' }) =>
    label ? { ...node, label: decodeEntities(label) } : node;
  if (target.startsWith('@')) return labelled({ kind: 'mention', target: 'user', id: target.slice(1) });
  if (target.startsWith('#')) return labelled({ kind: 'mention', target: 'channel', id: target.slice(1) });
  if (target.startsWith('!subteam^'))
    return labelled({ kind: 'mention', target: 'group', id: target.slice('!subteam^'.length) });
  if (target.startsWith('!date^')) return { kind: 'text', text: decodeEntities(label ?? target) };
  if (target.startsWith('!')) return { kind: 'mention', target: 'special', id: target.slice(1) };
  const url = decodeEntities(target);
  const text = decodeEntities(label ?? target);
  return SAFE_LINK.test(url) ? { kind: 'link', url, text } : { kind: 'text', text };
}

/** Parses one line's inline formatting. */
export function parseInline(line: string): MrkdwnNode[] {
  const nodes: MrkdwnNode[] = [];
  const text = (raw: string) => {
    if (raw) nodes.push({ kind: 'text', text: decodeEntities(raw) });
  };
  let last = 0;
  for (const match of line.matchAll(INLINE)) {
    const [whole, code, angled, emoji, bold, italic, strike] = match;
    text(line.slice(last, match.index));
    last = match.index + whole.length;
    if (code !== undefined) nodes.push({ kind: 'code', text: decodeEntities(code) });
    else if (angled !== undefined) nodes.push(angle(angled));
    else if (emoji !== undefined) {
      const char = EMOJI[emoji];
      nodes.push(char ? { kind: 'emoji', name: emoji, char } : { kind: 'text', text: whole });
    } else if (bold !== undefined) nodes.push({ kind: 'bold', children: parseInline(bold) });
    else if (italic !== undefined) nodes.push({ kind: 'italic', children: parseInline(italic) });
    else if (strike !== undefined) nodes.push({ kind: 'strike', children: parseInline(strike) });
  }
  text(line.slice(last));
  return nodes;
}

const QUOTE = /^(?:>|&gt;) ?/;

/** Parses lines: consecutive `> quotes` form one quote block; other lines are joined by line breaks. */
function parseLines(text: string): MrkdwnNode[] {
  const nodes: MrkdwnNode[] = [];
  let quote: MrkdwnNode[] | undefined;
  let previous: 'none' | 'line' | 'quote' = 'none';
  for (const line of text.split('\n')) {
    if (QUOTE.test(line)) {
      if (previous === 'quote' && quote) quote.push({ kind: 'br' });
      else {
        quote = [];
        nodes.push({ kind: 'quote', children: quote });
      }
      quote.push(...parseInline(line.replace(QUOTE, '')));
      previous = 'quote';
      continue;
    }
    // A quote is a block of its own: the line after it needs no break.
    if (previous === 'line') nodes.push({ kind: 'br' });
    nodes.push(...parseInline(line));
    previous = 'line';
  }
  return nodes;
}

/** Parses Slack mrkdwn: ```code blocks```, quotes, `code`, *bold*, _italic_, ~strike~, links, mentions, emoji. */
export function parseMrkdwn(text: string): MrkdwnNode[] {
  const parts = text.split('```');
  // An unclosed fence is plain text, as Slack shows it.
  if (parts.length % 2 === 0) parts.splice(-2, 2, `${parts.at(-2)}\`\`\`${parts.at(-1)}`);
  return parts.flatMap((part, index): MrkdwnNode[] => {
    if (index % 2 === 1) return [{ kind: 'pre', text: decodeEntities(part.replace(/^\n/, '')) }];
    // Text after a code block starts on its own line already: drop the line break after the fence.
    const rest = index > 0 ? part.replace(/^\n/, '') : part;
    return rest ? parseLines(rest) : [];
  });
}

/** Replaces `:shortcodes:` in plain text (what `emoji: true` asks for). */
export function withEmoji(text: string): string {
  return text.replace(/:([a-z0-9_+'-]+):/g, (whole, name: string) => EMOJI[name] ?? whole);
}
