import { describe } from 'vitest';
import { anyText } from './support/arbitraries';
import { commandProperty } from './support/command-property';

/** With commands-grammar.test.ts: 10,000 texts in all. */
const RUNS = Number(process.env.RESILIENCE_TEXT_RUNS ?? 4_000);

describe('/maas with any text', () => {
  commandProperty('arbitrary texts', RUNS, () => anyText());
});
