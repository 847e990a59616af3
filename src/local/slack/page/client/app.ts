import type { ViewRecord } from '../../types';
import type { PageChannel, PagePerson, PageState } from '../state';
import { send } from './api';
import { renderBlocks } from './blocks';
import { h, replace } from './dom';
import { hashOf, type Pane, paneFromHash } from './location';
import { byTs, continuesRun, type ListedMessage, renderMessage } from './messages';
import { renderModal } from './modal';
import type { Surface } from './surface';
import { toast } from './toast';
import { type Choice, ViewEdits } from './values';

/** The page's fixed parts (from index.html) that the app draws into. */
export interface PageParts {
  switcher: HTMLSelectElement;
  who: HTMLElement;
  live: HTMLElement;
  sidebar: HTMLElement;
  header: HTMLElement;
  conversation: HTMLElement;
  composer: HTMLFormElement;
  composerInput: HTMLInputElement;
  thread: HTMLElement;
  modal: HTMLElement;
}

const report = (answer: { error?: string }) => {
  if (answer.error) toast(answer.error);
};

/** The Slack-like page: one person's view of the workspace, redrawn from the state the server pushes. */
export class Playground {
  private state: PageState | undefined;
  private pane: Pane;
  private thread: { channel: string; ts: string } | undefined;
  private readonly edits = new ViewEdits();
  private source: EventSource | undefined;
  private readonly drawn = new Map<string, string>();

  constructor(
    private readonly parts: PageParts,
    private user: string,
  ) {
    this.pane = paneFromHash(location.hash);
  }

  /** Connects to the live state and wires the fixed controls. */
  start(): void {
    window.addEventListener('hashchange', () => this.go(paneFromHash(location.hash)));
    this.parts.switcher.addEventListener('change', () => this.switchTo(this.parts.switcher.value));
    this.parts.composer.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.sendLine();
    });
    // Permalinks the bot posts (chat.getPermalink) point into this workspace: open them here, like Slack does.
    document.addEventListener('click', (event) => {
      const link = (event.target as Element | null)?.closest?.('a[href]');
      const url = link ? new URL((link as HTMLAnchorElement).href) : undefined;
      if (!url || url.origin !== location.origin || !url.pathname.startsWith('/archives/')) return;
      event.preventDefault();
      this.openPermalink(url);
    });
    this.connect();
    if (this.pane.kind === 'app' && this.pane.tab === 'home') void this.openHome();
  }

  /** `/archives/C…/p1712345678000123[?thread_ts=…]`: the channel, with the message's thread open beside it. */
  private openPermalink(url: URL): void {
    const [, , channel = '', packed = ''] = url.pathname.split('/');
    const digits = packed.replace(/^p/, '');
    const ts = `${digits.slice(0, -6)}.${digits.slice(-6)}`;
    this.thread = { channel, ts: url.searchParams.get('thread_ts') ?? ts };
    this.go({ kind: 'channel', id: channel });
    document.querySelector(`article[data-ts="${CSS.escape(ts)}"]`)?.scrollIntoView({ block: 'center' });
  }

  private connect(): void {
    this.source?.close();
    this.parts.live.textContent = 'Connecting…';
    const source = new EventSource(`/page/events?user=${encodeURIComponent(this.user)}`);
    source.addEventListener('state', (event) =>
      this.receive(JSON.parse((event as MessageEvent<string>).data)),
    );
    source.addEventListener('open', () => {
      this.parts.live.textContent = 'Live';
      this.parts.live.className = 'live on';
    });
    source.addEventListener('error', () => {
      this.parts.live.textContent = 'Reconnecting…';
      this.parts.live.className = 'live off';
    });
    this.source = source;
  }

  private receive(state: PageState): void {
    this.state = state;
    if (this.user !== state.me) this.user = state.me;
    const role = state.people.find((person) => person.id === state.me)?.role;
    if (role) {
      const url = new URL(location.href);
      url.searchParams.set('as', role);
      history.replaceState(null, '', url);
      localStorage.setItem('playground.as', role);
    }
    if (!state.modal) this.edits.keepOnly(new Set(state.home ? [state.home.id] : []));
    this.render();
  }

  private switchTo(userId: string): void {
    this.user = userId;
    this.thread = undefined;
    this.drawn.clear();
    this.connect();
    if (this.pane.kind === 'app' && this.pane.tab === 'home') void this.openHome();
  }

  private go(pane: Pane): void {
    this.pane = pane;
    if (location.hash !== hashOf(pane)) location.hash = hashOf(pane);
    if (pane.kind === 'app' && pane.tab === 'home') void this.openHome();
    this.render();
  }

  private async openHome(): Promise<void> {
    report(await send('home', { user: this.user }));
  }

  /** Redraws what changed: each region only when what it shows changed (keeps typing and focus intact). */
  private render(): void {
    const state = this.state;
    if (!state) return;
    this.region('switcher', [state.me, state.people], () => this.drawSwitcher(state));
    this.region('sidebar', [state.me, state.channels, this.pane], () => this.drawSidebar(state));
    // Each pane's messages are listed once per render, for its key and (when it changed) its drawing.
    const messages = this.paneMessages(state);
    this.region('conversation', this.conversationKey(state, messages), () =>
      this.drawConversation(state, messages),
    );
    const thread = this.thread ? this.listed(state, this.thread.channel, this.thread.ts) : [];
    this.region('thread', this.threadKey(state, thread), () => this.drawThread(state, thread));
    const modal = state.modal;
    this.region(
      'modal',
      modal
        ? [
            state.me,
            modal.depth,
            modal.record.id,
            modal.record.hash,
            modal.record.errors,
            modal.record.problem,
          ]
        : [],
      () => this.drawModal(state),
    );
  }

  private region(name: string, key: unknown, draw: () => void): void {
    const signature = JSON.stringify(key);
    if (this.drawn.get(name) === signature) return;
    this.drawn.set(name, signature);
    draw();
  }

  private drawSwitcher(state: PageState): void {
    // "dataApprover" reads "data approver".
    const role = (person: PagePerson) =>
      person.role.replace(/[A-Z]/g, (letter) => ` ${letter.toLowerCase()}`);
    replace(
      this.parts.switcher,
      ...state.people.map((person) =>
        h(
          'option',
          { attrs: { value: person.id, selected: person.id === state.me } },
          `${person.realName} (${role(person)})`,
        ),
      ),
    );
    const me = state.people.find((person) => person.id === state.me);
    if (!me) return;
    const groups = me.groups.length ? me.groups.map((group) => `@${group}`).join(', ') : 'no user groups';
    replace(
      this.parts.who,
      h('span', { class: 'handle' }, `@${me.name}`),
      ` · ${role(me)} · ${groups}${me.isAdmin ? ' · workspace admin' : ''}`,
    );
  }

  private drawSidebar(state: PageState): void {
    const link = (href: string, label: string, active: boolean, note?: string) =>
      h(
        'li',
        {},
        h(
          'a',
          { class: active ? 'active' : '', attrs: { href, 'aria-current': active ? 'page' : undefined } },
          label,
        ),
        note ? h('span', { class: 'sidebar-note' }, note) : null,
      );
    const pane = this.pane;
    const channels = state.channels.filter((channel) => !channel.isIm);
    replace(
      this.parts.sidebar,
      h('div', { class: 'team-name' }, state.team.name),
      h(
        'section',
        {},
        h('h2', {}, 'Channels'),
        h(
          'ul',
          {},
          ...channels.map((channel) =>
            link(
              `#${channel.id}`,
              `# ${channel.name}`,
              pane.kind === 'channel' && pane.id === channel.id,
              channel.botIsMember ? undefined : 'bot not in',
            ),
          ),
        ),
      ),
      h(
        'section',
        {},
        h('h2', {}, 'Apps'),
        h('ul', {}, link('#app-home', state.bot.name, pane.kind === 'app')),
      ),
    );
  }

  private dm(state: PageState): PageChannel | undefined {
    return state.channels.find((channel) => channel.isIm);
  }

  /** The messages a pane lists: top-level (and broadcast) ones, or a thread; with this person's ephemerals. */
  private listed(state: PageState, channel: string, threadTs?: string): ListedMessage[] {
    const inPane = (message: { channel: string; ts: string; threadTs?: string; replyBroadcast?: boolean }) =>
      message.channel === channel &&
      (threadTs
        ? message.ts === threadTs || message.threadTs === threadTs
        : !message.threadTs || message.threadTs === message.ts || message.replyBroadcast === true);
    return [
      ...state.messages.filter(inPane).map((message): ListedMessage => ({ ephemeral: false, message })),
      ...state.ephemerals.filter(inPane).map((message): ListedMessage => ({ ephemeral: true, message })),
    ].sort(byTs);
  }

  /** The channel the conversation pane shows: the one picked, or the DM with the app. */
  private paneChannel(state: PageState): PageChannel | undefined {
    const pane = this.pane;
    return pane.kind === 'channel'
      ? state.channels.find((candidate) => candidate.id === pane.id)
      : this.dm(state);
  }

  /** What the conversation pane lists (nothing on the App Home tab). */
  private paneMessages(state: PageState): ListedMessage[] {
    const pane = this.pane;
    if (pane.kind === 'app' && pane.tab === 'home') return [];
    const channel = this.paneChannel(state);
    return channel ? this.listed(state, channel.id) : [];
  }

  private conversationKey(state: PageState, messages: ListedMessage[]): unknown {
    const pane = this.pane;
    if (pane.kind === 'app' && pane.tab === 'home') return [state.me, pane, state.home, state.directory];
    return [state.me, pane, messages, state.directory, state.channels];
  }

  private drawConversation(state: PageState, messages: ListedMessage[]): void {
    const pane = this.pane;
    const { conversation, header, composer, composerInput } = this.parts;
    const wasAtBottom = conversation.scrollHeight - conversation.scrollTop - conversation.clientHeight < 40;
    if (pane.kind === 'app') {
      const tab = (name: 'home' | 'messages', label: string) =>
        h(
          'a',
          {
            class: `tab${pane.tab === name ? ' active' : ''}`,
            attrs: { href: `#app-${name}`, role: 'tab', 'aria-selected': String(pane.tab === name) },
          },
          label,
        );
      replace(
        header,
        h('h1', {}, state.bot.name, h('span', { class: 'badge' }, 'APP')),
        h(
          'nav',
          { class: 'tabs', attrs: { role: 'tablist' } },
          tab('home', 'Home'),
          tab('messages', 'Messages'),
        ),
      );
    }
    if (pane.kind === 'app' && pane.tab === 'home') {
      composer.hidden = true;
      conversation.className = 'conversation home';
      replace(
        conversation,
        state.home
          ? renderBlocks(state.home.view.blocks as never, this.viewSurface(state, state.home))
          : h(
              'p',
              { class: 'empty' },
              'The app has not published its Home tab yet: it does when you open it.',
            ),
      );
      return;
    }
    composer.hidden = false;
    conversation.className = 'conversation';
    const channel = this.paneChannel(state);
    if (pane.kind === 'channel') {
      const name = channel ? `# ${channel.name}` : '# unknown channel';
      replace(
        header,
        h('h1', {}, name),
        channel && !channel.botIsMember
          ? h(
              'span',
              { class: 'header-note' },
              `${state.bot.name} is not in this channel: it can only answer you privately here.`,
            )
          : null,
        channel && !channel.isMember
          ? h('span', { class: 'header-note' }, 'You are not a member of this channel.')
          : null,
      );
    }
    composerInput.placeholder =
      pane.kind === 'channel'
        ? `Message # ${channel?.name ?? ''} — try /maas help`
        : `Message ${state.bot.name} — try /maas help`;
    composerInput.setAttribute('aria-label', composerInput.placeholder);
    replace(
      conversation,
      messages.length === 0
        ? h(
            'p',
            { class: 'empty' },
            'No messages yet. Type a slash command below, like /maas create-cluster.',
          )
        : h(
            'div',
            { class: 'messages' },
            ...messages.map((listed, index) =>
              renderMessage(listed, {
                state,
                surface: this.messageSurface(state, listed.message.channel, listed.message.ts),
                compact: continuesRun(messages[index - 1], listed),
                openThread: (message) => {
                  this.thread = { channel: message.channel, ts: message.ts };
                  this.render();
                },
              }),
            ),
          ),
    );
    if (wasAtBottom || this.drawn.get('conversation-pane') !== JSON.stringify(pane))
      conversation.scrollTop = conversation.scrollHeight;
    this.drawn.set('conversation-pane', JSON.stringify(pane));
  }

  private threadKey(state: PageState, messages: ListedMessage[]): unknown {
    const thread = this.thread;
    return thread ? [state.me, thread, messages, state.directory] : [];
  }

  private drawThread(state: PageState, messages: ListedMessage[]): void {
    const thread = this.thread;
    const panel = this.parts.thread;
    if (!thread) {
      panel.hidden = true;
      panel.replaceChildren();
      return;
    }
    const channel = state.channels.find((candidate) => candidate.id === thread.channel);
    const [parent, ...replies] = messages;
    panel.hidden = false;
    replace(
      panel,
      h(
        'header',
        { class: 'thread-header' },
        h('h2', {}, 'Thread'),
        h(
          'span',
          { class: 'thread-channel' },
          channel && !channel.isIm ? `# ${channel.name}` : state.bot.name,
        ),
        h(
          'button',
          {
            class: 'icon-button',
            attrs: { type: 'button', 'aria-label': 'Close thread' },
            on: {
              click: () => {
                this.thread = undefined;
                this.render();
              },
            },
          },
          '×',
        ),
      ),
      h(
        'div',
        { class: 'thread-messages' },
        parent
          ? renderMessage(parent, {
              state,
              surface: this.messageSurface(state, parent.message.channel, parent.message.ts),
            })
          : null,
        h(
          'div',
          { class: 'replies-divider' },
          `${replies.length} ${replies.length === 1 ? 'reply' : 'replies'}`,
        ),
        ...replies.map((listed, index) =>
          renderMessage(listed, {
            state,
            surface: this.messageSurface(state, listed.message.channel, listed.message.ts),
            compact: continuesRun(replies[index - 1], listed),
          }),
        ),
      ),
    );
    const list = panel.querySelector('.thread-messages');
    if (list) list.scrollTop = list.scrollHeight;
  }

  private drawModal(state: PageState): void {
    const root = this.parts.modal;
    const modal = state.modal;
    const previous = root.querySelector<HTMLElement>('.modal-body');
    const keepScroll =
      previous && root.querySelector(`[data-view-id="${modal?.record.id}"]`) ? previous.scrollTop : 0;
    if (!modal) {
      root.replaceChildren();
      return;
    }
    const user = state.me;
    replace(
      root,
      renderModal(modal, this.viewSurface(state, modal.record), {
        submit: async (record) =>
          report(await send('submit', { user, viewId: record.id, values: this.edits.entered(record) })),
        dismiss: async (record) => report(await send('dismiss', { user, viewId: record.id })),
      }),
    );
    const body = root.querySelector<HTMLElement>('.modal-body');
    if (body) body.scrollTop = keepScroll;
  }

  private base(state: PageState, idPrefix: string) {
    return { directory: state.directory, people: state.people, channels: state.channels, idPrefix };
  }

  private messageSurface(state: PageState, channel: string, ts: string): Surface {
    const user = state.me;
    return {
      ...this.base(state, `m${ts}`),
      act: async (actionId, choice) =>
        report(
          await send('click', {
            user,
            target: { channel, ts },
            actionId,
            ...(choice !== undefined ? { choice } : {}),
          }),
        ),
    };
  }

  private viewSurface(state: PageState, record: ViewRecord): Surface {
    const user = state.me;
    return {
      ...this.base(state, `v${record.id}`),
      view: { record, edits: this.edits },
      act: async (actionId, choice) =>
        report(
          await send('click', {
            user,
            target: { viewId: record.id },
            actionId,
            ...(choice !== undefined ? { choice } : {}),
            values: this.edits.entered(record),
          }),
        ),
      suggest: async (actionId, query): Promise<Choice[] | string> => {
        const answer = await send('suggest', { user, viewId: record.id, actionId, query });
        if (answer.error) return answer.error;
        return (answer.options ?? []).map((option) => ({ value: option.value, text: option.text.text }));
      },
    };
  }

  /** The message box: slash commands run as the person, in the channel shown (or the DM with the bot). */
  private async sendLine(): Promise<void> {
    const state = this.state;
    const input = this.parts.composerInput;
    const text = input.value.trim();
    if (!state || !text) return;
    const channel = this.pane.kind === 'channel' ? this.pane.id : (this.dm(state)?.id ?? state.me);
    input.disabled = true;
    const answer = await send('command', { user: state.me, channel, text });
    input.disabled = false;
    input.focus();
    if (answer.error) return toast(answer.error);
    input.value = '';
  }
}
