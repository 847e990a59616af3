import type {
  Button,
  Datepicker,
  DateTimepicker,
  EmailInput,
  NumberInput,
  Overflow,
  PlainTextInput,
  Timepicker,
  URLInput,
} from '@slack/types';
import type { StateValue } from '../../types';
import { confirmed } from './confirm';
import { h } from './dom';
import { renderChoices, renderSelect } from './selects';
import { changed, currentState, type Place, type Surface } from './surface';
import { plain } from './text';

/** Any element the bot may put in a block (checked by type at run time; unknown ones are named, not drawn). */
export type AnyElement = { type: string; action_id?: string } & Record<string, unknown>;

const TEXT_TYPES: Record<string, string> = {
  plain_text_input: 'text',
  number_input: 'text',
  email_text_input: 'email',
  url_text_input: 'url',
};

/** A button: confirm dialog first when it has one, then block_actions (and the link opened, for url buttons). */
function button(element: Button, surface: Surface): HTMLElement {
  const style = element.style ? ` ${element.style}` : '';
  const node = h(
    'button',
    {
      class: `btn${style}`,
      attrs: {
        type: 'button',
        'data-action-id': element.action_id,
        'aria-label': element.accessibility_label,
      },
    },
    plain(element.text),
  );
  node.addEventListener('click', async () => {
    if (!(await confirmed(element, surface))) return;
    if (element.url) window.open(element.url, '_blank', 'noopener,noreferrer');
    node.disabled = true;
    try {
      await surface.act(String(element.action_id));
    } finally {
      node.disabled = false;
    }
  });
  return node;
}

/** The overflow menu (⋯): a short list of actions. */
function overflow(element: Overflow, surface: Surface): HTMLElement {
  const menu = h('div', { class: 'overflow-menu', attrs: { role: 'menu', hidden: true } });
  const toggle = h(
    'button',
    {
      class: 'btn overflow',
      attrs: {
        type: 'button',
        'aria-label': 'More actions',
        'aria-haspopup': 'menu',
        'data-action-id': element.action_id,
      },
      on: { click: () => menu.toggleAttribute('hidden') },
    },
    '⋯',
  );
  for (const option of element.options)
    menu.appendChild(
      h(
        'button',
        {
          attrs: { type: 'button', role: 'menuitem' },
          on: {
            click: async () => {
              menu.setAttribute('hidden', '');
              if (!(await confirmed(element, surface))) return;
              if (option.url) window.open(option.url, '_blank', 'noopener,noreferrer');
              await surface.act(String(element.action_id), String(option.value));
            },
          },
        },
        plain(option.text),
      ),
    );
  return h('div', { class: 'overflow-wrap' }, toggle, menu);
}

/** A text, number, email or URL input; Enter (or each character) sends block_actions when it dispatches. */
function textInput(
  element: PlainTextInput | NumberInput | EmailInput | URLInput,
  place: Place,
  surface: Surface,
): HTMLElement {
  const actionId = String(element.action_id);
  const state = currentState(surface, place, actionId);
  const multiline = element.type === 'plain_text_input' && element.multiline === true;
  const attrs = {
    id: place.id,
    'data-action-id': actionId,
    placeholder: element.placeholder ? plain(element.placeholder) : undefined,
    inputmode:
      element.type === 'number_input' ? (element.is_decimal_allowed ? 'decimal' : 'numeric') : undefined,
  };
  const field = multiline
    ? h('textarea', { attrs: { ...attrs, rows: 4 } })
    : h('input', { attrs: { ...attrs, type: TEXT_TYPES[element.type] ?? 'text' } });
  field.value = state ? (state.value ?? '') : (element.initial_value?.toString() ?? '');
  const triggers = element.dispatch_action_config?.trigger_actions_on ?? ['on_enter_pressed'];
  const record = (dispatch: boolean) =>
    changed(
      surface,
      { ...place, dispatch },
      actionId,
      { type: element.type, value: field.value },
      field.value,
    );
  let timer: number | undefined;
  field.addEventListener('input', () => {
    void record(false);
    if (place.dispatch && triggers.includes('on_character_entered')) {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => void record(true), 400);
    }
  });
  field.addEventListener('keydown', (event) => {
    const key = event as KeyboardEvent;
    if (key.key !== 'Enter' || multiline) return;
    // Enter never submits the modal from a field, as in Slack; it dispatches when the bot asked for it.
    key.preventDefault();
    if (place.dispatch && triggers.includes('on_enter_pressed')) void record(true);
  });
  return field;
}

/** Date, time and date-time pickers, as the browser's own inputs. */
function picker(
  element: Datepicker | Timepicker | DateTimepicker,
  place: Place,
  surface: Surface,
): HTMLElement {
  const actionId = String(element.action_id);
  const state = currentState(surface, place, actionId);
  const kind =
    element.type === 'datepicker' ? 'date' : element.type === 'timepicker' ? 'time' : 'datetime-local';
  const input = h('input', { attrs: { id: place.id, type: kind, 'data-action-id': actionId } });
  const toLocal = (seconds: number) => new Date(seconds * 1000).toISOString().slice(0, 16);
  if (element.type === 'datepicker') input.value = state?.selected_date ?? element.initial_date ?? '';
  else if (element.type === 'timepicker') input.value = state?.selected_time ?? element.initial_time ?? '';
  else {
    const seconds = state?.selected_date_time ?? element.initial_date_time;
    input.value = seconds ? toLocal(seconds) : '';
  }
  input.addEventListener('change', () => {
    const value = input.value || null;
    const next: StateValue =
      element.type === 'datepicker'
        ? { type: element.type, selected_date: value }
        : element.type === 'timepicker'
          ? { type: element.type, selected_time: value }
          : {
              type: element.type,
              selected_date_time: value ? Math.floor(Date.parse(`${value}Z`) / 1000) : null,
            };
    const choice = next.selected_date ?? next.selected_time ?? next.selected_date_time ?? null;
    void changed(surface, place, actionId, next, choice);
  });
  return input;
}

/** Images would load from the network: the playground shows their description instead. */
export function imagePlaceholder(alt: string, title?: string): HTMLElement {
  return h(
    'span',
    { class: 'image-placeholder', attrs: { role: 'img', 'aria-label': alt, title } },
    `🖼 ${alt}`,
  );
}

/** Draws one element of a block; `place` says where it sits and whether a change is sent at once. */
export function renderElement(element: AnyElement, place: Place, surface: Surface): HTMLElement {
  const typed = element as never;
  switch (element.type) {
    case 'button':
      return button(typed, surface);
    case 'overflow':
      return overflow(typed, surface);
    case 'plain_text_input':
    case 'number_input':
    case 'email_text_input':
    case 'url_text_input':
      return textInput(typed, place, surface);
    case 'datepicker':
    case 'timepicker':
    case 'datetimepicker':
      return picker(typed, place, surface);
    case 'checkboxes':
    case 'radio_buttons':
      return renderChoices(typed, place, surface);
    case 'static_select':
    case 'external_select':
    case 'users_select':
    case 'conversations_select':
    case 'channels_select':
    case 'multi_static_select':
    case 'multi_external_select':
    case 'multi_users_select':
    case 'multi_conversations_select':
    case 'multi_channels_select':
      return renderSelect(typed, place, surface);
    case 'image':
      return imagePlaceholder(String(element.alt_text ?? 'image'));
    default:
      return h('span', { class: 'unsupported' }, `[${element.type} is not shown in the playground]`);
  }
}
