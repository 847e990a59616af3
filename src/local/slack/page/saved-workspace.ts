import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { SlackEmulator } from '../emulator';
import type { SlackChannel, SlackMessage, ViewRecord } from '../types';

/** What survives a restart of the playground: the conversations and App Home tabs (not modals, not ephemerals). */
interface SavedConversations {
  version: 1;
  /** The DMs with the bot (the seeded channels come from the seed). */
  dms: SlackChannel[];
  messages: SlackMessage[];
  homes: Record<string, ViewRecord>;
}

/** How long a burst of changes is gathered into one write. */
const SAVE_DELAY_MS = 250;

function read(file: string): SavedConversations | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as Partial<SavedConversations>;
    if (saved.version !== 1 || !Array.isArray(saved.dms) || !Array.isArray(saved.messages)) return undefined;
    return { version: 1, dms: saved.dms, messages: saved.messages, homes: saved.homes ?? {} };
  } catch {
    // A torn or hand-edited file: start with an empty workspace rather than not at all.
    return undefined;
  }
}

/**
 * Keeps the emulated workspace's conversations in `file` (under DATA_DIR), so that after a restart the threads
 * the bot keeps posting to (their ts are in DynamoDB) are still there. Restores what the file holds, then saves
 * on every change; `close` writes the last changes.
 */
export function keepConversations(emulator: SlackEmulator, file: string): { close(): void } {
  const ws = emulator.workspace;
  const saved = read(file);
  if (saved) {
    // The emulator starts from its seed: the saved conversations go back in before anyone connects.
    ws.channels.push(...saved.dms.filter((dm) => dm.isIm && !ws.channels.some((c) => c.id === dm.id)));
    ws.messages.push(...saved.messages);
    Object.assign(ws.homes, saved.homes);
  }
  const write = () => {
    const snapshot: SavedConversations = {
      version: 1,
      dms: ws.channels.filter((channel) => channel.isIm),
      messages: ws.messages,
      homes: ws.homes,
    };
    writeFileSync(`${file}.tmp`, JSON.stringify(snapshot));
    renameSync(`${file}.tmp`, file);
  };
  let timer: NodeJS.Timeout | undefined;
  const unsubscribe = emulator.on((change) => {
    if (change.kind === 'call' || change.kind === 'ephemeral' || timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      write();
    }, SAVE_DELAY_MS);
  });
  return {
    close: () => {
      unsubscribe();
      clearTimeout(timer);
      write();
    },
  };
}
