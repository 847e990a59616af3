import type { SlackEmulator } from '../emulator';
import type { SeedRole } from '../seed';
import type { EphemeralMessage, SlackMessage, ViewRecord } from '../types';

/** A person in the user switcher: who they are, their playground role and their user groups. */
export interface PagePerson {
  id: string;
  name: string;
  realName: string;
  role: SeedRole;
  /** Handles of the user groups they are in (`cluster-approvers`). */
  groups: string[];
  isAdmin: boolean;
}

/** A conversation in the sidebar: a channel, or the person's DM with the bot. */
export interface PageChannel {
  id: string;
  name: string;
  isIm: boolean;
  /** Whether the person viewing is a member. */
  isMember: boolean;
  /** Whether the bot is in it (it cannot post where it is not). */
  botIsMember: boolean;
}

/** Names the page shows for mentions: `<@U…>`, `<#C…>`, `<!subteam^S…>`. */
export interface PageDirectory {
  users: Record<string, string>;
  channels: Record<string, string>;
  groups: Record<string, string>;
}

/** Everything one person sees in the emulated workspace, pushed to the page on every change. */
export interface PageState {
  team: { name: string; domain: string };
  /** The person viewing. */
  me: string;
  bot: { userId: string; name: string };
  people: PagePerson[];
  channels: PageChannel[];
  directory: PageDirectory;
  /** Messages in the conversations listed, oldest first (thread replies included). */
  messages: SlackMessage[];
  /** What only this person sees, oldest first. */
  ephemerals: EphemeralMessage[];
  /** The modal in front of this person, and how many are stacked under it. */
  modal?: { record: ViewRecord; depth: number };
  /** This person's App Home tab, once the bot published it. */
  home?: ViewRecord;
}

/** The seeded people by id, with their playground role (the emulator's `users` map inverted). */
export function seededRoles(emulator: SlackEmulator): Map<string, SeedRole> {
  return new Map(Object.entries(emulator.users).map(([role, id]) => [id, role as SeedRole]));
}

/** The workspace as `userId` sees it. */
export function pageState(emulator: SlackEmulator, userId: string): PageState {
  const ws = emulator.workspace;
  const roles = seededRoles(emulator);
  const people = ws.users.flatMap((user): PagePerson[] => {
    const role = roles.get(user.id);
    if (!role) return [];
    const groups = ws.groups.filter((group) => group.users.includes(user.id)).map((group) => group.handle);
    return [{ id: user.id, name: user.name, realName: user.realName, role, groups, isAdmin: user.isAdmin }];
  });
  const channels = ws.channels
    .filter((channel) => !channel.isIm || channel.user === userId)
    .map((channel) => ({
      id: channel.id,
      name: channel.isIm ? ws.bot.name : channel.name,
      isIm: channel.isIm,
      isMember: channel.members.includes(userId),
      botIsMember: channel.members.includes(ws.bot.userId),
    }));
  const visible = new Set(channels.map((channel) => channel.id));
  const stack = emulator.views(userId);
  const top = stack.at(-1);
  const home = emulator.home(userId);
  return {
    team: { name: ws.team.name, domain: ws.team.domain },
    me: userId,
    bot: { userId: ws.bot.userId, name: ws.bot.name },
    people,
    channels,
    directory: {
      users: Object.fromEntries(ws.users.map((user) => [user.id, user.realName])),
      channels: Object.fromEntries(ws.channels.filter((c) => !c.isIm).map((c) => [c.id, c.name])),
      groups: Object.fromEntries(ws.groups.map((group) => [group.id, group.handle])),
    },
    messages: ws.messages.filter((message) => visible.has(message.channel)),
    ephemerals: emulator.ephemerals(userId),
    ...(top ? { modal: { record: top, depth: stack.length } } : {}),
    ...(home ? { home } : {}),
  };
}
