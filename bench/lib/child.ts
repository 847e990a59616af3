import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

/** The line a child prints when it is ready, followed by a JSON description of itself. */
export const READY = 'READY ';

/** A child process started by `startChild`, and what it announced. */
export interface Child<T> {
  info: T;
  process: ChildProcess;
  /** Everything the child wrote to stderr so far. */
  stderr(): string;
  stop(): Promise<void>;
}

/**
 * Runs a TypeScript entry (through tsx) in its own Node process, so the server under test has a core of its own
 * and the load generator another, and resolves once it prints `READY {json}`.
 */
export function startChild<T>(entry: string, env: Record<string, string> = {}): Promise<Child<T>> {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => {
    errors += chunk.toString();
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      if (!line.startsWith(READY)) return;
      resolve({
        info: JSON.parse(line.slice(READY.length)) as T,
        process: child,
        stderr: () => errors,
        stop,
      });
    });
    child.once('exit', (code) =>
      reject(new Error(`${entry} exited (${code}) before it was ready:\n${errors}`)),
    );
  });
}

/** In a child: tells the parent it is ready, with what it wants to say about itself. */
export function announceReady(info: unknown): void {
  // A normal exit on SIGTERM, so exit hooks (e.g. --cpu-prof) still run.
  process.once('SIGTERM', () => process.exit(0));
  process.stdout.write(`${READY}${JSON.stringify(info)}\n`);
}
