/** `npm run redrive -- --stage NAME`: see ./redrive-cli.ts. */
import { runRedriveCli } from './redrive-cli';

runRedriveCli(process.argv.slice(2), {
  input: process.stdin,
  output: process.stdout,
  interactive: process.stdin.isTTY === true,
  now: () => new Date(),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`redrive: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
