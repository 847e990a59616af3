import { describe } from 'vitest';
import { grammarText } from './support/arbitraries';
import { commandProperty } from './support/command-property';

/** With commands-text.test.ts: 10,000 texts in all (two files, so CI's two workers share them). */
const RUNS = Number(process.env.RESILIENCE_GRAMMAR_RUNS ?? 6_000);

describe('/maas with subcommands and any arguments', () => {
  commandProperty('subcommand-shaped texts', RUNS, grammarText);
});
