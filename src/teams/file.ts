import { readFile } from 'node:fs/promises';
import { isMap, isPair, isScalar, LineCounter, type Node, parseDocument } from 'yaml';
import type { z } from 'zod';
import { ConfigError } from '../config-error';
import { type TeamsFile, TeamsFileSchema } from '../domain/team';

type Path = readonly PropertyKey[];

/** `teams[1].approvers[0]`: where a problem is, as people read a YAML path. */
function keyPath(path: Path): string {
  return path
    .map((key, index) => (typeof key === 'number' ? `[${key}]` : `${index === 0 ? '' : '.'}${String(key)}`))
    .join('');
}

/** The deepest node of the document on `path` (a missing key points at the mapping that lacks it). */
function nodeOn(root: unknown, path: Path): { node?: Node; exact: boolean } {
  let node = root as Node | undefined;
  for (const key of path) {
    const child = (node as { get?: (key: unknown, keepScalar: boolean) => unknown } | undefined)?.get?.(
      key,
      true,
    );
    if (!child || typeof child !== 'object') return { node, exact: false };
    node = child as Node;
  }
  return { node, exact: true };
}

/** The key node of `key` in the mapping at `node`, for a problem about the key itself (an unknown one). */
function keyNode(node: Node | undefined, key: string): Node | undefined {
  if (!isMap(node)) return undefined;
  const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && item.key.value === key);
  return pair && isScalar(pair.key) ? pair.key : undefined;
}

/** The team's name at `teams[i]`, to say which team a problem is in. */
function teamNameAt(data: unknown, path: Path): string | undefined {
  if (path[0] !== 'teams' || typeof path[1] !== 'number') return undefined;
  const team = (data as { teams?: unknown[] } | undefined)?.teams?.[path[1]];
  const name = (team as { name?: unknown } | undefined)?.name;
  return typeof name === 'string' ? name : undefined;
}

/** One zod issue as problems for people: `teams.yml:14: teams[1] (payments).approvers[0]: why`. */
function describeIssue(
  file: string,
  issue: z.core.$ZodIssue,
  doc: ReturnType<typeof parseDocument>,
  lines: LineCounter,
  data: unknown,
): string[] {
  const at = (node: Node | undefined) => (node?.range ? lines.linePos(node.range[0]).line : 1);
  const where = (path: Path) => {
    const name = teamNameAt(data, path);
    const text = keyPath(path);
    return name && path.length > 2 ? text.replace(/^teams\[\d+\]/, (team) => `${team} (${name})`) : text;
  };
  const { node, exact } = nodeOn(doc.contents, issue.path);
  if (issue.code === 'unrecognized_keys')
    return issue.keys.map(
      (key) =>
        `${file}:${at(keyNode(node, key) ?? node)}: ${where([...issue.path, key])}: unknown key (a typo?)`,
    );
  const missing = !exact && issue.code === 'invalid_type' && issue.input === undefined;
  const message = missing ? `missing: ${issue.message}` : issue.message;
  return [`${file}:${at(node)}: ${where(issue.path) || '(the file)'}: ${message}`];
}

/**
 * Parses and checks a teams file's text. Every problem is listed — YAML syntax (with its line), then each value
 * against TeamsFileSchema with its line, key path and why — and any problem throws a ConfigError: the bot never
 * starts with part of a teams file.
 */
export function parseTeamsFile(file: string, text: string): TeamsFile {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0)
    throw new ConfigError(
      doc.errors.map((error) => {
        const line = error.linePos?.[0].line ?? lines.linePos(error.pos[0]).line;
        return `${file}:${line}: ${error.message.replace(/ at line \d+, column \d+:?[\s\S]*$/, '')}`;
      }),
      `The teams file ${file} has problems`,
    );
  const data: unknown = doc.toJS();
  const parsed = TeamsFileSchema.safeParse(data);
  if (parsed.success) return parsed.data;
  throw new ConfigError(
    parsed.error.issues.flatMap((issue) => describeIssue(file, issue, doc, lines, data)),
    `The teams file ${file} has problems`,
  );
}

/** Reads and checks the teams file at `path` (relative paths from the working directory: /var/task on Lambda). */
export async function readTeamsFile(path: string): Promise<TeamsFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new ConfigError([
      `TEAMS_FILE: cannot read ${path} (${typeof code === 'string' ? code : 'unreadable'}); set it to the path of the teams file, or leave it unset for one implicit team.`,
    ]);
  }
  return parseTeamsFile(path, text);
}
