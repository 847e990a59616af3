import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';

/**
 * How long one `npm start` child may take in a test, start to stop: it loads the whole bot through tsx (about 3 s of
 * CPU), which a machine whose cores are all busy stretches many times over. Only a hang should reach it.
 */
export const CHILD_START_MS = 45_000;

/** The timeout of a test that starts `starts` children and does up to `restMs` of other work around them. */
export const childTestTimeout = (starts: number, restMs = 30_000) => starts * CHILD_START_MS + restMs;

/** `npm start` as a child process (tsx, as npm runs it), with what it printed so far. */
export interface PlaygroundProcess {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the first match of `pattern` in stdout (rejects if the process exits first). */
  printed(pattern: RegExp): Promise<RegExpMatchArray>;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number | null>;
}

/**
 * Runs src/local/main.ts with a clean environment (no inherited Slack, Palette or MAAS credentials): only PATH,
 * HOME and what the test gives. Free ports unless the test says otherwise.
 */
export function runPlayground(env: Record<string, string>, args: string[] = []): PlaygroundProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/local/main.ts', ...args], {
    cwd: process.cwd(),
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      PORT: '0',
      PLAYGROUND_PORT: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const listeners = new Set<() => void>();
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    for (const listener of listeners) listener();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    err += chunk.toString();
  });
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  // A test that fails half-way must not leave the playground running after the test process ends.
  const orphanGuard = () => child.kill('SIGKILL');
  process.once('exit', orphanGuard);
  void exited.then(() => process.off('exit', orphanGuard));
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    printed: (pattern) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const match = out.match(pattern);
          if (!match) return;
          listeners.delete(check);
          resolve(match);
        };
        listeners.add(check);
        check();
        void exited.then((code) =>
          reject(new Error(`npm start exited (${code}) before printing ${pattern}:\n${out}\n${err}`)),
        );
      }),
    exited,
    stop: () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}
