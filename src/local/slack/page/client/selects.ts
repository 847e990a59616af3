import type { Checkboxes, MultiSelect, Option, RadioButtons, Select } from '@slack/types';
import type { StateValue } from '../../types';
import { confirmed } from './confirm';
import { h, replace } from './dom';
import { changed, currentState, type Place, type Surface } from './surface';
import { plain, textObject } from './text';
import { type Choice, selected, toEntered } from './values';

type AnySelect = Select | MultiSelect;
type Group = { label?: string; options: Choice[] };

/** The state field each people/conversation picker keeps its choice in. */
const PICKED: Record<string, keyof StateValue> = {
  users_select: 'selected_user',
  conversations_select: 'selected_conversation',
  channels_select: 'selected_channel',
  multi_users_select: 'selected_users',
  multi_conversations_select: 'selected_conversations',
  multi_channels_select: 'selected_channels',
};

const asChoice = (option: Option): Choice => ({
  value: String(option.value ?? ''),
  text: plain(option.text),
});

/** The options a select offers: the bot's (static), the workspace's people or conversations. */
function groupsOf(element: AnySelect, surface: Surface): Group[] {
  if (element.type === 'static_select' || element.type === 'multi_static_select') {
    if (element.option_groups)
      return element.option_groups.map((group) => ({
        label: plain(group.label),
        options: group.options.map(asChoice),
      }));
    return [{ options: (element.options ?? []).map(asChoice) }];
  }
  if (element.type.includes('users'))
    return [{ options: surface.people.map((person) => ({ value: person.id, text: person.realName })) }];
  return [
    {
      options: surface.channels
        .filter((channel) => !channel.isIm)
        .map((channel) => ({ value: channel.id, text: `#${channel.name}` })),
    },
  ];
}

/** What is chosen now: the view's state, or (in messages, which keep none) the element's initial choice. */
function chosenOf(
  element: AnySelect | Checkboxes | RadioButtons,
  state: StateValue | undefined,
  all: Choice[],
): Choice[] {
  const byId = (id: string) => all.find((choice) => choice.value === id) ?? { value: id, text: id };
  const loose = element as typeof element & Record<string, unknown>;
  const field = PICKED[element.type];
  if (field) {
    const picked = state ? state[field] : (loose[`initial_${field.replace('selected_', '')}`] as unknown);
    if (Array.isArray(picked)) return picked.map(String).map(byId);
    return typeof picked === 'string' && picked ? [byId(picked)] : [];
  }
  if (state) {
    if (state.selected_options)
      return state.selected_options.map((o) => ({ value: o.value, text: o.text.text }));
    return state.selected_option
      ? [{ value: state.selected_option.value, text: state.selected_option.text.text }]
      : [];
  }
  const initial =
    (loose.initial_options as Option[] | undefined) ??
    (loose.initial_option ? [loose.initial_option as Option] : []);
  return initial.map(asChoice);
}

/** The state an element holds once these are chosen. */
function stateFor(type: string, choices: Choice[]): StateValue {
  const field = PICKED[type];
  const multi = type.startsWith('multi_');
  if (field) return { type, [field]: multi ? choices.map((c) => c.value) : (choices[0]?.value ?? null) };
  return multi
    ? { type, selected_options: choices.map(selected) }
    : { type, selected_option: choices[0] ? selected(choices[0]) : null };
}

function commit(element: AnySelect, place: Place, surface: Surface, choices: Choice[]): Promise<void> {
  const state = stateFor(element.type, choices);
  return changed(surface, place, String(element.action_id), state, toEntered(state));
}

function placeholderOf(element: AnySelect): string {
  return element.placeholder ? plain(element.placeholder) : 'Select an item';
}

function nativeSelect(id: string | undefined, placeholder: string, groups: Group[], exclude: Set<string>) {
  const select = h('select', { attrs: { id } }, h('option', { attrs: { value: '' } }, placeholder));
  for (const group of groups) {
    const options = group.options
      .filter((choice) => !exclude.has(choice.value))
      .map((choice) => h('option', { attrs: { value: choice.value } }, choice.text));
    if (group.label) select.appendChild(h('optgroup', { attrs: { label: group.label } }, ...options));
    else for (const option of options) select.appendChild(option);
  }
  return select;
}

function singleSelect(element: AnySelect, place: Place, surface: Surface, groups: Group[], all: Choice[]) {
  const chosen = chosenOf(element, currentState(surface, place, String(element.action_id)), all);
  const select = nativeSelect(place.id, placeholderOf(element), groups, new Set());
  select.dataset.actionId = String(element.action_id);
  select.value = chosen[0]?.value ?? '';
  let previous = select.value;
  select.addEventListener('change', async () => {
    if (!(await confirmed(element, surface))) {
      select.value = previous;
      return;
    }
    previous = select.value;
    const choice = all.find((candidate) => candidate.value === select.value);
    await commit(element, place, surface, choice ? [choice] : []);
  });
  return select;
}

/** A multi-select: the chosen items as removable chips, and a menu to add more. */
function multiSelect(element: AnySelect, place: Place, surface: Surface, groups: Group[], all: Choice[]) {
  let chosen = chosenOf(element, currentState(surface, place, String(element.action_id)), all);
  const max = 'max_selected_items' in element ? element.max_selected_items : undefined;
  const wrap = h('div', { class: 'multi-select', attrs: { 'data-action-id': element.action_id } });
  const update = async (next: Choice[]) => {
    if (!(await confirmed(element, surface))) return draw();
    chosen = next;
    draw();
    await commit(element, place, surface, chosen);
  };
  const draw = () => {
    const add = nativeSelect(place.id, placeholderOf(element), groups, new Set(chosen.map((c) => c.value)));
    add.disabled = max !== undefined && chosen.length >= max;
    add.addEventListener('change', () => {
      const choice = all.find((candidate) => candidate.value === add.value);
      if (choice) void update([...chosen, choice]);
    });
    replace(
      wrap,
      chips(chosen, (gone) => void update(chosen.filter((c) => c.value !== gone.value))),
      add,
    );
  };
  draw();
  return wrap;
}

function chips(chosen: Choice[], remove: (choice: Choice) => void): HTMLElement {
  return h(
    'div',
    { class: 'chips' },
    ...chosen.map((choice) =>
      h(
        'span',
        { class: 'chip' },
        choice.text,
        h(
          'button',
          {
            class: 'chip-remove',
            attrs: { type: 'button', 'aria-label': `Remove ${choice.text}` },
            on: { click: () => remove(choice) },
          },
          '×',
        ),
      ),
    ),
  );
}

/** An external select: typing asks the bot for options (block_suggestion), as Slack does. */
function externalSelect(element: AnySelect & { min_query_length?: number }, place: Place, surface: Surface) {
  const actionId = String(element.action_id);
  const multi = element.type === 'multi_external_select';
  const minimum = element.min_query_length ?? 3;
  let chosen = chosenOf(element, currentState(surface, place, actionId), []);
  const wrap = h('div', { class: 'external-select', attrs: { 'data-action-id': actionId } });
  const list = h('ul', { class: 'suggestions', attrs: { role: 'listbox', id: `${place.id}-options` } });
  const input = h('input', {
    attrs: {
      id: place.id,
      type: 'text',
      role: 'combobox',
      autocomplete: 'off',
      'aria-autocomplete': 'list',
      'aria-controls': `${place.id}-options`,
      'aria-expanded': 'false',
      placeholder: placeholderOf(element),
    },
  });
  const chipRow = h('div');
  const show = (...items: HTMLElement[]) => {
    replace(list, ...items);
    input.setAttribute('aria-expanded', String(items.length > 0));
  };
  const pick = async (choice: Choice) => {
    show();
    if (!(await confirmed(element, surface))) return;
    chosen = multi ? [...chosen.filter((c) => c.value !== choice.value), choice] : [choice];
    input.value = multi ? '' : choice.text;
    drawChips();
    await commit(element, place, surface, chosen);
  };
  const drawChips = () => {
    if (multi)
      replace(
        chipRow,
        chips(chosen, (gone) => {
          chosen = chosen.filter((c) => c.value !== gone.value);
          drawChips();
          void commit(element, place, surface, chosen);
        }),
      );
  };
  let asked = 0;
  const ask = async () => {
    const query = input.value;
    if (!surface.suggest) return show(h('li', { class: 'hint' }, 'Not available in messages here.'));
    if (query.length < minimum)
      return show(
        h('li', { class: 'hint' }, `Type at least ${minimum} character${minimum === 1 ? '' : 's'}…`),
      );
    const ticket = ++asked;
    show(h('li', { class: 'hint' }, 'Loading…'));
    const answer = await surface.suggest(actionId, query);
    if (ticket !== asked) return;
    if (typeof answer === 'string') return show(h('li', { class: 'hint error' }, answer));
    if (answer.length === 0) return show(h('li', { class: 'hint' }, 'No results'));
    show(
      ...answer.map((choice) =>
        h(
          'li',
          {
            attrs: { role: 'option', tabindex: 0, 'data-value': choice.value },
            on: {
              // mousedown, not click: it comes before the input's blur closes the list.
              mousedown: (event) => {
                event.preventDefault();
                void pick(choice);
              },
              keydown: (event) => {
                if (event.key === 'Enter') void pick(choice);
              },
            },
          },
          choice.text,
        ),
      ),
    );
  };
  let timer: number | undefined;
  input.addEventListener('input', () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => void ask(), 200);
  });
  input.addEventListener('focus', () => {
    if (minimum === 0 || input.value.length >= minimum) void ask();
  });
  input.addEventListener('blur', () => window.setTimeout(() => show(), 150));
  input.disabled = !surface.suggest;
  if (!multi) input.value = chosen[0]?.text ?? '';
  drawChips();
  wrap.append(chipRow, input, list);
  return wrap;
}

/** Any select menu the bot uses: static (single or multi), external (asks the bot), people or conversations. */
export function renderSelect(element: AnySelect, place: Place, surface: Surface): HTMLElement {
  if (element.type === 'external_select' || element.type === 'multi_external_select')
    return externalSelect(element, place, surface);
  const groups = groupsOf(element, surface);
  const all = groups.flatMap((group) => group.options);
  return element.type.startsWith('multi_')
    ? multiSelect(element, place, surface, groups, all)
    : singleSelect(element, place, surface, groups, all);
}

/** Checkboxes or radio buttons: a labelled group of options (their texts may be mrkdwn). */
export function renderChoices(
  element: Checkboxes | RadioButtons,
  place: Place,
  surface: Surface,
): HTMLElement {
  const actionId = String(element.action_id);
  const state = currentState(surface, place, actionId);
  const chosen = new Set(chosenOf(element, state, []).map((choice) => choice.value));
  const kind = element.type === 'checkboxes' ? 'checkbox' : 'radio';
  const inputs: HTMLInputElement[] = [];
  const group = h('div', {
    class: `choices ${kind}`,
    attrs: {
      role: kind === 'radio' ? 'radiogroup' : 'group',
      'aria-labelledby': place.labelId,
      'data-action-id': actionId,
    },
  });
  element.options.forEach((option, index) => {
    const input = h('input', {
      attrs: {
        type: kind,
        name: place.id,
        value: option.value,
        id: `${place.id}-${index}`,
        checked: chosen.has(String(option.value)),
      },
    });
    inputs.push(input);
    group.appendChild(
      h(
        'label',
        { class: 'choice', attrs: { for: input.id } },
        input,
        h('span', { class: 'choice-text' }, textObject(option.text, surface.directory)),
        option.description
          ? h('span', { class: 'choice-description' }, textObject(option.description, surface.directory))
          : null,
      ),
    );
  });
  let shown = inputs.map((input) => input.checked);
  group.addEventListener('change', async () => {
    if (!(await confirmed(element, surface))) {
      // Denied: back to what was checked before (for radio buttons, the previous choice).
      inputs.forEach((input, index) => {
        input.checked = shown[index] ?? false;
      });
      return;
    }
    shown = inputs.map((input) => input.checked);
    const picked = element.options
      .filter((_, index) => inputs[index]?.checked)
      .map((option) => selected(asChoice(option)));
    const next: StateValue =
      kind === 'checkbox'
        ? { type: element.type, selected_options: picked }
        : { type: element.type, selected_option: picked[0] ?? null };
    await changed(surface, place, actionId, next, toEntered(next));
  });
  return group;
}
