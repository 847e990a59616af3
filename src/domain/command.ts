import { DURATION_HINT, parseDuration } from './lease';
import { escapeText, truncate } from './text';

/** The compliance scans, by what they check (configuration: kube-bench, penetration: kube-hunter, conformance: sonobuoy). */
export const SCAN_NAMES = ['configuration', 'penetration', 'conformance'] as const;
export type ScanKind = (typeof SCAN_NAMES)[number];

/** A `/maas` command, parsed and typed. */
export type Command =
  | { kind: 'help' }
  | { kind: 'create-cluster'; name?: string }
  | { kind: 'list'; page: number; all: boolean }
  | { kind: 'quota' }
  | { kind: 'status'; name: string }
  | { kind: 'delete'; name: string }
  | { kind: 'abort'; name: string }
  | { kind: 'force-delete'; name: string }
  | { kind: 'scale'; name: string; pool: string; size: number }
  | { kind: 'gateway' }
  | { kind: 'pairing-code' }
  | { kind: 'kubeconfig'; name: string }
  | { kind: 'lease'; name: string }
  | { kind: 'extend'; name: string; seconds: number }
  | { kind: 'keep'; name: string; reason: string }
  | { kind: 'backup-now'; name: string }
  | { kind: 'backup-policy'; name: string }
  | { kind: 'backups'; name: string }
  | { kind: 'scan-now'; name: string; scan: ScanKind }
  | { kind: 'scan-schedules'; name: string }
  | { kind: 'patch-now'; name: string }
  | { kind: 'patch-settings'; name: string };

/** A command the grammar could not read, with a suggestion when the text was close to one. */
export interface CommandError {
  kind: 'error';
  message: string;
  suggestion?: string;
}

interface Subcommand {
  name: string;
  usage: string;
  /** One line of help; a function when it depends on the configuration (force delete's wait). */
  summary: string | ((settings: HelpSettings) => string);
  example: string;
}

/** The configuration the help reads, so it says what this bot does (not the defaults). */
export interface HelpSettings {
  forceDeleteAfterSeconds: number;
}

/** Every subcommand with its usage, one line of help and an example — the source of `/maas help`. */
export const SUBCOMMANDS: readonly Subcommand[] = [
  { name: 'help', usage: 'help', summary: 'Show this help.', example: '/maas help' },
  {
    name: 'create-cluster',
    usage: 'create-cluster [NAME]',
    summary: 'Request a new MAAS cluster through a guided form; an approver approves it.',
    example: '/maas create-cluster team-a-dev',
  },
  {
    name: 'list',
    usage: 'list [all] [PAGE]',
    summary: 'List your team’s clusters with their state and health (admins: `all` teams).',
    example: '/maas list',
  },
  {
    name: 'quota',
    usage: 'quota',
    summary: 'Your team’s clusters and nodes against its quota.',
    example: '/maas quota',
  },
  {
    name: 'status',
    usage: 'status NAME',
    summary: 'Pools, nodes, health, events and history of one cluster.',
    example: '/maas status team-a-dev',
  },
  {
    name: 'scale',
    usage: 'scale NAME POOL SIZE',
    summary: 'Resize a worker pool (or the control plane to 1, 3 or 5).',
    example: '/maas scale team-a-dev worker-pool 5',
  },
  {
    name: 'backup',
    usage: 'backup NAME [now]',
    summary:
      'Change a cluster’s backup policy in a form, or back it up `now` (the thread hears when it ends).',
    example: '/maas backup team-a-dev now',
  },
  {
    name: 'backups',
    usage: 'backups NAME',
    summary: 'The recent backups of a cluster with their state, time and expiry.',
    example: '/maas backups team-a-dev',
  },
  {
    name: 'scan',
    usage: 'scan NAME [now [configuration|penetration|conformance]]',
    summary:
      'Change a cluster’s scan schedules in a form, or run a scan `now` (configuration by default); the thread gets its summary.',
    example: '/maas scan team-a-dev now penetration',
  },
  {
    name: 'patch',
    usage: 'patch NAME [now]',
    summary:
      'Change a cluster’s OS patch schedule and flags in a form, or patch the nodes’ OS `now` (keeps what Palette holds).',
    example: '/maas patch team-a-dev now',
  },
  {
    name: 'delete',
    usage: 'delete NAME',
    summary: 'Delete a running cluster (you confirm by typing its name).',
    example: '/maas delete team-a-dev',
  },
  {
    name: 'abort',
    usage: 'abort NAME',
    summary: 'Stop a cluster that is still provisioning and delete what was created.',
    example: '/maas abort team-a-dev',
  },
  {
    name: 'force-delete',
    usage: 'force-delete NAME',
    summary: ({ forceDeleteAfterSeconds }) =>
      `Admins: force delete a cluster stuck deleting for ${waitText(forceDeleteAfterSeconds)}.`,
    example: '/maas force-delete team-a-dev',
  },
  {
    name: 'kubeconfig',
    usage: 'kubeconfig NAME',
    summary:
      'Your kubeconfig of a running cluster, as a file in a DM (admins: a link to the admin one in Palette).',
    example: '/maas kubeconfig team-a-dev',
  },
  {
    name: 'lease',
    usage: 'lease NAME [keep WHY]',
    summary: 'When a cluster’s lease ends (admins: `keep` it with no expiry, saying why).',
    example: '/maas lease team-a-dev',
  },
  {
    name: 'extend',
    usage: 'extend NAME DURATION',
    summary: 'Extend a cluster’s lease (2d, 1w, 36h); beyond the maximum the approvers decide.',
    example: '/maas extend team-a-dev 2d',
  },
  {
    name: 'gateway',
    usage: 'gateway',
    summary: 'Private Cloud Gateways: health, nodes and HA advice.',
    example: '/maas gateway',
  },
  {
    name: 'gateway pairing-code',
    usage: 'gateway pairing-code',
    summary: 'Admins: a pairing code to install a new MAAS gateway.',
    example: '/maas gateway pairing-code',
  },
];

/** Every subcommand's first word (`gateway pairing-code` is `gateway` with an argument). */
export const SUBCOMMAND_WORDS: readonly string[] = [
  ...new Set(SUBCOMMANDS.map((sub) => sub.name.split(' ')[0]!)),
];

/** Edit distance between two short strings (for "did you mean"). */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** The subcommand closest to `word`, when it is close enough to be a typo or a prefix. */
export function closestSubcommand(word: string): string | undefined {
  const lower = word.toLowerCase();
  const prefixed = SUBCOMMAND_WORDS.filter((name) => name.startsWith(lower) && lower.length >= 2);
  if (prefixed.length === 1) return prefixed[0];
  let best: { name: string; distance: number } | undefined;
  for (const name of SUBCOMMAND_WORDS) {
    const distance = editDistance(lower, name);
    if (!best || distance < best.distance) best = { name, distance };
  }
  if (best && best.distance <= Math.max(2, Math.floor(best.name.length / 3))) return best.name;
  return undefined;
}

const isScanKind = (word: string): word is ScanKind => (SCAN_NAMES as readonly string[]).includes(word);

const usageOf = (name: string) => SUBCOMMANDS.find((sub) => sub.name === name)!;

function needArgs(name: string, got: number, want: number): CommandError | undefined {
  if (got === want) return undefined;
  const sub = usageOf(name);
  return {
    kind: 'error',
    message:
      got < want
        ? `\`/maas ${name}\` needs more: \`/maas ${sub.usage}\`, e.g. \`${sub.example}\`.`
        : `\`/maas ${name}\` takes fewer words: \`/maas ${sub.usage}\`, e.g. \`${sub.example}\`.`,
  };
}

/** Parses the text after `/maas` into a command, or an error that says what to type instead. */
export function parseCommand(text: string): Command | CommandError {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const [first, ...args] = words;
  if (first === undefined) return { kind: 'help' };
  const sub = first.toLowerCase();
  switch (sub) {
    case 'help':
      return { kind: 'help' };
    case 'create-cluster':
      if (args.length > 1) return needArgs(sub, args.length, 1)!;
      return args[0] === undefined ? { kind: 'create-cluster' } : { kind: 'create-cluster', name: args[0] };
    case 'list': {
      const all = args[0]?.toLowerCase() === 'all';
      const rest = all ? args.slice(1) : args;
      if (rest.length > 1) return needArgs(sub, args.length, all ? 2 : 1)!;
      const page = rest[0] === undefined ? 1 : Number(rest[0]);
      if (!Number.isInteger(page) || page < 1)
        return {
          kind: 'error',
          message: `The page is a whole number from 1, e.g. \`/maas list 2\` or \`/maas list all 2\`.`,
        };
      return { kind: 'list', page, all };
    }
    case 'quota':
      return needArgs(sub, args.length, 0) ?? { kind: 'quota' };
    case 'status':
    case 'delete':
    case 'abort':
    case 'force-delete':
    case 'kubeconfig':
      return needArgs(sub, args.length, 1) ?? { kind: sub, name: args[0]! };
    case 'scale': {
      const problem = needArgs(sub, args.length, 3);
      if (problem) return problem;
      const size = Number(args[2]);
      if (!Number.isInteger(size) || size < 0)
        return {
          kind: 'error',
          message: `The size is a whole number of nodes, e.g. \`${usageOf('scale').example}\`.`,
        };
      return { kind: 'scale', name: args[0]!, pool: args[1]!, size };
    }
    case 'lease': {
      if (args.length === 1) return { kind: 'lease', name: args[0]! };
      const reason = args.slice(2).join(' ');
      if (args[1]?.toLowerCase() === 'keep' && reason)
        return { kind: 'keep', name: args[0]!, reason: truncate(reason, 300) };
      return {
        kind: 'error',
        message: `Use \`/maas lease NAME\` to see a lease, or \`/maas lease NAME keep WHY\` (admins) for no expiry, e.g. \`/maas lease team-a-dev keep demo on Friday\`.`,
      };
    }
    case 'extend': {
      const problem = needArgs(sub, args.length, 2);
      if (problem) return problem;
      const seconds = parseDuration(args[1]!);
      if (seconds === undefined)
        return {
          kind: 'error',
          message: `How long to extend by: ${DURATION_HINT}, e.g. \`${usageOf('extend').example}\`.`,
        };
      return { kind: 'extend', name: args[0]!, seconds };
    }
    case 'backups':
      return needArgs(sub, args.length, 1) ?? { kind: 'backups', name: args[0]! };
    case 'backup':
      if (args.length === 1) return { kind: 'backup-policy', name: args[0]! };
      if (args.length !== 2 || args[1]!.toLowerCase() !== 'now')
        return {
          kind: 'error',
          message: `Use \`/maas ${usageOf('backup').usage}\`, e.g. \`${usageOf('backup').example}\`.`,
        };
      return { kind: 'backup-now', name: args[0]! };
    case 'scan': {
      if (args.length === 1) return { kind: 'scan-schedules', name: args[0]! };
      const scan = (args[2] ?? 'configuration').toLowerCase();
      if (args.length < 2 || args.length > 3 || args[1]!.toLowerCase() !== 'now' || !isScanKind(scan))
        return {
          kind: 'error',
          message: `Use \`/maas ${usageOf('scan').usage}\`, e.g. \`${usageOf('scan').example}\`.`,
        };
      return { kind: 'scan-now', name: args[0]!, scan };
    }
    case 'patch':
      if (args.length === 1) return { kind: 'patch-settings', name: args[0]! };
      if (args.length !== 2 || args[1]!.toLowerCase() !== 'now')
        return {
          kind: 'error',
          message: `Use \`/maas ${usageOf('patch').usage}\`, e.g. \`${usageOf('patch').example}\`.`,
        };
      return { kind: 'patch-now', name: args[0]! };
    case 'gateway':
      if (args.length === 0) return { kind: 'gateway' };
      if (args.length === 1 && args[0]!.toLowerCase() === 'pairing-code') return { kind: 'pairing-code' };
      return {
        kind: 'error',
        message:
          'Use `/maas gateway` for gateway health, or `/maas gateway pairing-code` for a pairing code.',
      };
    default: {
      const suggestion = closestSubcommand(sub);
      const typed = escapeText(truncate(first, 40));
      const rest = args.length > 0 ? escapeText(truncate(` ${args.join(' ')}`, 80)) : '';
      return {
        kind: 'error',
        message: suggestion
          ? `I don't know \`${typed}\`. Did you mean \`/maas ${suggestion}${rest}\`?`
          : `I don't know \`${typed}\`.`,
        ...(suggestion ? { suggestion } : {}),
      };
    }
  }
}

/** A configured wait in words: "15 minutes", "2 minutes", "90 seconds". */
export function waitText(seconds: number): string {
  if (seconds % 60 !== 0) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = seconds / 60;
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

/** The text of `/maas help`: every subcommand, one line each, with an example, as configured. */
export function helpLines(settings: HelpSettings): string[] {
  return SUBCOMMANDS.map((sub) => {
    const summary = typeof sub.summary === 'string' ? sub.summary : sub.summary(settings);
    return `\`/maas ${sub.usage}\` — ${summary} _e.g._ \`${sub.example}\``;
  });
}
