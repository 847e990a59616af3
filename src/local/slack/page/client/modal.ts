import type { KnownBlock, View } from '@slack/types';
import type { ViewRecord } from '../../types';
import { renderBlocks } from './blocks';
import { h } from './dom';
import type { Surface } from './surface';
import { plain } from './text';

/** What the modal's buttons do. */
export interface ModalActions {
  submit(record: ViewRecord): Promise<void>;
  dismiss(record: ViewRecord): Promise<void>;
}

/** Draws the modal in front: title, the way back when views are stacked, the blocks, Close and Submit. */
export function renderModal(
  modal: { record: ViewRecord; depth: number },
  surface: Surface,
  actions: ModalActions,
): HTMLElement {
  const { record, depth } = modal;
  const view = record.view as View & { title?: { text: string; type: 'plain_text' } };
  const close = view.type === 'modal' && view.close ? plain(view.close) : 'Cancel';
  const submitText = view.type === 'modal' && view.submit ? plain(view.submit) : undefined;
  const dismiss = () => void actions.dismiss(record);
  const submitButton = submitText
    ? h('button', { class: 'btn primary', attrs: { type: 'submit' } }, submitText)
    : null;
  const form = h(
    'form',
    {
      class: 'modal',
      attrs: {
        role: 'dialog',
        'aria-modal': 'true',
        'aria-labelledby': 'modal-title',
        'data-view-id': record.id,
        'data-hash': record.hash,
        'data-callback-id': view.callback_id,
        novalidate: true,
      },
      on: {
        submit: async (event) => {
          event.preventDefault();
          if (!submitButton) return;
          submitButton.disabled = true;
          try {
            await actions.submit(record);
          } finally {
            submitButton.disabled = false;
          }
        },
      },
    },
    h(
      'header',
      { class: 'modal-header' },
      depth > 1
        ? h(
            'button',
            { class: 'icon-button', attrs: { type: 'button', 'aria-label': 'Back' }, on: { click: dismiss } },
            '‹',
          )
        : null,
      h('h2', { attrs: { id: 'modal-title' } }, view.title ? plain(view.title) : ''),
      depth > 1
        ? h('span', { class: 'stack-depth', attrs: { title: 'Views in the stack' } }, `${depth} views`)
        : null,
      h(
        'button',
        { class: 'icon-button', attrs: { type: 'button', 'aria-label': 'Close' }, on: { click: dismiss } },
        '×',
      ),
    ),
    h(
      'div',
      { class: 'modal-body' },
      record.problem ? h('div', { class: 'banner error', attrs: { role: 'alert' } }, record.problem) : null,
      renderBlocks(view.blocks as KnownBlock[], surface),
    ),
    h(
      'footer',
      { class: 'modal-footer' },
      h('button', { class: 'btn', attrs: { type: 'button' }, on: { click: dismiss } }, close),
      submitButton,
    ),
  );
  return h('div', { class: 'backdrop modal-backdrop' }, form);
}
