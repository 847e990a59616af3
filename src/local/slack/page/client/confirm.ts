import type { Confirm } from '@slack/types';
import type { PageDirectory } from '../state';
import { h } from './dom';
import type { Surface } from './surface';
import { plain, type TextObject, textObject } from './text';

/** Asks the confirm dialog when the element has one; true to go ahead. */
export function confirmed(element: { confirm?: Confirm }, surface: Surface): Promise<boolean> {
  return element.confirm ? confirmDialog(element.confirm, surface.directory) : Promise.resolve(true);
}

/** Shows the bot's confirm dialog over everything; resolves true when the person confirms. */
export function confirmDialog(confirm: Confirm, directory: PageDirectory): Promise<boolean> {
  return new Promise((resolve) => {
    const root = document.getElementById('dialog-root') ?? document.body;
    const finish = (answer: boolean) => {
      backdrop.remove();
      document.removeEventListener('keydown', onKey);
      resolve(answer);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') finish(false);
    };
    const style = confirm.style === 'danger' ? 'danger' : 'primary';
    const confirmButton = h(
      'button',
      { class: `btn ${style}`, attrs: { type: 'button' }, on: { click: () => finish(true) } },
      plain(confirm.confirm ?? { type: 'plain_text', text: 'Yes' }),
    );
    const backdrop = h(
      'div',
      { class: 'backdrop confirm-backdrop' },
      h(
        'div',
        {
          class: 'confirm',
          attrs: { role: 'alertdialog', 'aria-modal': 'true', 'aria-labelledby': 'confirm-title' },
        },
        h(
          'h2',
          { attrs: { id: 'confirm-title' } },
          plain(confirm.title ?? { type: 'plain_text', text: 'Are you sure?' }),
        ),
        h('div', { class: 'confirm-text' }, textObject(confirm.text as TextObject | undefined, directory)),
        h(
          'div',
          { class: 'confirm-buttons' },
          h(
            'button',
            { class: 'btn', attrs: { type: 'button' }, on: { click: () => finish(false) } },
            plain(confirm.deny ?? { type: 'plain_text', text: 'Cancel' }),
          ),
          confirmButton,
        ),
      ),
    );
    document.addEventListener('keydown', onKey);
    root.appendChild(backdrop);
    confirmButton.focus();
  });
}
