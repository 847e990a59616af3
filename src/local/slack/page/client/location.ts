/** What the main pane shows: a channel, or the bot's app (its Home tab or its messages with the person). */
export type Pane = { kind: 'channel'; id: string } | { kind: 'app'; tab: 'home' | 'messages' };

/** The default: the requests channel. */
const START: Pane = { kind: 'channel', id: 'C0REQUESTS' };

/** Reads the pane from the address's hash (`#C0REQUESTS`, `#app-home`, `#app-messages`). */
export function paneFromHash(hash: string): Pane {
  const value = hash.replace(/^#/, '');
  if (value === 'app-home') return { kind: 'app', tab: 'home' };
  if (value === 'app-messages') return { kind: 'app', tab: 'messages' };
  return /^[CD][A-Z0-9]+$/.test(value) ? { kind: 'channel', id: value } : START;
}

/** The hash for a pane. */
export function hashOf(pane: Pane): string {
  return pane.kind === 'channel' ? `#${pane.id}` : `#app-${pane.tab}`;
}
