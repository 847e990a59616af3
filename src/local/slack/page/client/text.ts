import type { PageDirectory } from '../state';
import { h } from './dom';
import { type MrkdwnNode, parseMrkdwn, withEmoji } from './mrkdwn';

/** A Block Kit text object as the bot sends it. */
export interface TextObject {
  type: 'plain_text' | 'mrkdwn';
  text: string;
  emoji?: boolean;
}

const SPECIAL: Record<string, string> = { here: '@here', channel: '@channel', everyone: '@everyone' };

function mention(node: MrkdwnNode & { kind: 'mention' }, directory: PageDirectory): HTMLElement {
  const label =
    node.target === 'user'
      ? `@${directory.users[node.id] ?? node.label ?? node.id}`
      : node.target === 'channel'
        ? `#${directory.channels[node.id] ?? node.label ?? node.id}`
        : node.target === 'group'
          ? directory.groups[node.id]
            ? `@${directory.groups[node.id]}`
            : (node.label ?? `@${node.id}`)
          : (SPECIAL[node.id] ?? `@${node.id}`);
  return h('span', { class: `mention mention-${node.target}`, attrs: { 'data-id': node.id } }, label);
}

function draw(node: MrkdwnNode, directory: PageDirectory): Node {
  switch (node.kind) {
    case 'text':
      return document.createTextNode(node.text);
    case 'br':
      return h('br');
    case 'bold':
      return h('strong', {}, ...node.children.map((child) => draw(child, directory)));
    case 'italic':
      return h('em', {}, ...node.children.map((child) => draw(child, directory)));
    case 'strike':
      return h('s', {}, ...node.children.map((child) => draw(child, directory)));
    case 'quote':
      return h('blockquote', {}, ...node.children.map((child) => draw(child, directory)));
    case 'code':
      return h('code', {}, node.text);
    case 'pre':
      return h('pre', {}, node.text);
    case 'emoji':
      return h('span', { class: 'emoji', attrs: { title: `:${node.name}:` } }, node.char);
    case 'link':
      return h('a', { attrs: { href: node.url, target: '_blank', rel: 'noopener noreferrer' } }, node.text);
    case 'mention':
      return mention(node, directory);
  }
}

/** Draws mrkdwn text: formatting, links, mentions as @names, escaped entities as the characters they stand for. */
export function mrkdwn(text: string, directory: PageDirectory): DocumentFragment {
  const fragment = document.createDocumentFragment();
  for (const node of parseMrkdwn(text)) fragment.appendChild(draw(node, directory));
  return fragment;
}

/** Draws a text object: mrkdwn formatted, plain_text as is (with emoji unless turned off). */
export function textObject(text: TextObject | undefined, directory: PageDirectory): Node {
  if (!text) return document.createTextNode('');
  if (text.type === 'mrkdwn') return mrkdwn(text.text, directory);
  return document.createTextNode(text.emoji === false ? text.text : withEmoji(text.text));
}

/** A text object's words without formatting (labels, option texts). */
export function plain(text: TextObject | undefined): string {
  if (!text) return '';
  return text.type === 'plain_text' && text.emoji !== false ? withEmoji(text.text) : text.text;
}
