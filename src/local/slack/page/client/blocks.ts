import type { ContextBlock, InputBlock, KnownBlock, SectionBlock } from '@slack/types';
import { domId, h } from './dom';
import { type AnyElement, imagePlaceholder, renderElement } from './elements';
import type { Place, Surface } from './surface';
import { mrkdwn, plain, type TextObject, textObject } from './text';

const place = (surface: Surface, blockId: string, element: AnyElement, dispatch: boolean): Place => ({
  blockId,
  dispatch,
  id: domId(surface.idPrefix, blockId, String(element.action_id)),
});

function section(block: SectionBlock, blockId: string, surface: Surface): HTMLElement {
  const main = h(
    'div',
    { class: 'section-main' },
    block.text ? h('div', { class: 'section-text' }, textObject(block.text, surface.directory)) : null,
    block.fields
      ? h(
          'div',
          { class: 'fields' },
          ...block.fields.map((field) => h('div', { class: 'field' }, textObject(field, surface.directory))),
        )
      : null,
  );
  const accessory = block.accessory as AnyElement | undefined;
  return h(
    'div',
    { class: 'section' },
    main,
    accessory
      ? h(
          'div',
          { class: 'accessory' },
          renderElement(accessory, place(surface, blockId, accessory, true), surface),
        )
      : null,
  );
}

function context(block: ContextBlock, surface: Surface): HTMLElement {
  return h(
    'div',
    { class: 'context' },
    ...block.elements.map((element) =>
      element.type === 'image'
        ? imagePlaceholder(element.alt_text)
        : h('span', {}, textObject(element as TextObject, surface.directory)),
    ),
  );
}

/** An input block: its label, the element, the hint, and the error Slack shows under it. */
function input(block: InputBlock, blockId: string, surface: Surface): HTMLElement {
  const element = block.element as unknown as AnyElement;
  const where = place(surface, blockId, element, block.dispatch_action === true);
  const labelId = `${where.id}-label`;
  const error = surface.view?.record.errors[blockId];
  const errorId = `${where.id}-error`;
  const field = renderElement(element, { ...where, labelId }, surface);
  if (error) {
    field.setAttribute('aria-invalid', 'true');
    field.setAttribute('aria-describedby', errorId);
  }
  return h(
    'div',
    { class: `input${error ? ' has-error' : ''}` },
    h(
      'div',
      { class: 'input-label-row' },
      h('label', { class: 'input-label', attrs: { id: labelId, for: where.id } }, plain(block.label)),
      block.optional ? h('span', { class: 'optional' }, '(optional)') : null,
    ),
    field,
    block.hint ? h('div', { class: 'hint' }, plain(block.hint)) : null,
    error ? h('div', { class: 'field-error', attrs: { id: errorId, role: 'alert' } }, error) : null,
  );
}

type RichNode = {
  type: string;
  text?: string;
  url?: string;
  user_id?: string;
  channel_id?: string;
  usergroup_id?: string;
  name?: string;
  range?: string;
  style?: Record<string, boolean>;
  elements?: RichNode[];
};

/** A rich_text block, drawn simply: its words with their styles, links and mentions. */
function richText(node: RichNode, surface: Surface): Node {
  const children = (node.elements ?? []).map((child) => richText(child, surface));
  const directory = surface.directory;
  switch (node.type) {
    case 'text': {
      let drawn: Node = document.createTextNode(node.text ?? '');
      if (node.style?.code) drawn = h('code', {}, drawn);
      if (node.style?.bold) drawn = h('strong', {}, drawn);
      if (node.style?.italic) drawn = h('em', {}, drawn);
      if (node.style?.strike) drawn = h('s', {}, drawn);
      return drawn;
    }
    case 'link':
      return mrkdwn(`<${node.url ?? ''}|${node.text ?? node.url ?? ''}>`, directory);
    case 'user':
      return mrkdwn(`<@${node.user_id}>`, directory);
    case 'channel':
      return mrkdwn(`<#${node.channel_id}>`, directory);
    case 'usergroup':
      return mrkdwn(`<!subteam^${node.usergroup_id}>`, directory);
    case 'broadcast':
      return mrkdwn(`<!${node.range}>`, directory);
    case 'emoji':
      return mrkdwn(`:${node.name}:`, directory);
    case 'rich_text_preformatted':
      return h('pre', {}, ...children);
    case 'rich_text_quote':
      return h('blockquote', {}, ...children);
    case 'rich_text_list':
      return h('ul', {}, ...children.map((child) => h('li', {}, child)));
    default:
      return h('div', {}, ...children);
  }
}

function block(raw: KnownBlock, surface: Surface): HTMLElement {
  const blockId = String(raw.block_id ?? '');
  const wrap = (kind: string, ...children: Node[]) =>
    h('div', { class: `block block-${kind}`, attrs: { 'data-block-id': blockId } }, ...children);
  switch (raw.type) {
    case 'section':
      return wrap('section', section(raw, blockId, surface));
    case 'header':
      return wrap('header', h('h3', {}, plain(raw.text)));
    case 'context':
      return wrap('context', context(raw, surface));
    case 'divider':
      return wrap('divider', h('hr'));
    case 'actions':
      return wrap(
        'actions',
        h(
          'div',
          { class: 'actions' },
          ...raw.elements.map((element) =>
            renderElement(
              element as AnyElement,
              place(surface, blockId, element as AnyElement, true),
              surface,
            ),
          ),
        ),
      );
    case 'input':
      return wrap('input', input(raw, blockId, surface));
    case 'image':
      return wrap('image', imagePlaceholder(raw.alt_text, raw.title ? plain(raw.title) : undefined));
    case 'rich_text':
      return wrap('rich-text', richText(raw as unknown as RichNode, surface));
    case 'markdown':
      return wrap('markdown', mrkdwn(raw.text, surface.directory));
    default:
      return wrap(
        'unsupported',
        h('span', { class: 'unsupported' }, `[${raw.type} block is not shown in the playground]`),
      );
  }
}

/** Draws Block Kit blocks for a message, a modal or App Home. */
export function renderBlocks(blocks: KnownBlock[], surface: Surface): HTMLElement {
  return h('div', { class: 'blocks' }, ...blocks.map((raw) => block(raw, surface)));
}
