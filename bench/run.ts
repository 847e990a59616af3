/**
 * `npm run bench`: every benchmark in one run, side by side on this machine, printed and written to
 * bench/RESULTS.md (with the machine, the command and the date).
 *
 *   npm run bench              all sections; writes bench/RESULTS.md
 *   npm run bench -- ack cold  only these sections; they replace theirs in bench/RESULTS.md, the others stay
 *   npm run bench -- --quick   smaller sizes (a CI-like check; sizes are in each section's title and method)
 *
 * Each section says when it ran and the machine's load average then (the machine may be shared).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';

// Before any AWS SDK module loads: the SDK's notice about Node 22 is noise here, as are the sweeps' INFO lines.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';

const { ackSection } = await import('./ack/section');
const { coldSection } = await import('./cold/section');
const { burstSection } = await import('./stack/burst');
const { dispatchSection } = await import('./stack/dispatch');
const { sweepSection } = await import('./stack/sweep');
const { machineLine } = await import('./lib/machine');
const { renderSection } = await import('./lib/report');
const { replaceSections } = await import('./lib/results');

type Run = () => Promise<import('./lib/report').Section>;

/** The sections, in the order they run, with the sizes the goals are stated for. */
const quick = process.argv.includes('--quick');
const SECTIONS: Record<string, Run> = {
  ack: () => ackSection({ connections: 50, durationSeconds: quick ? 3 : 10, warmUpSeconds: quick ? 1 : 2 }),
  cold: () => coldSection({ rounds: quick ? 3 : 15 }),
  dispatch: () => dispatchSection({ count: quick ? 20 : 100 }),
  burst: () => burstSection({ count: quick ? 40 : 200, deadlineMs: 15 * 60_000 }),
  sweep: () => sweepSection({ clusters: quick ? 2_000 : 10_000 }),
  'sweep-1k': () =>
    sweepSection({ clusters: 1_000, before: { calls: 1_000, seconds: 25 }, pendingRepaves: 10 }),
};

const asked = process.argv.slice(2).filter((arg) => arg !== '--quick');
const unknown = asked.filter((name) => !(name in SECTIONS));
if (unknown.length > 0)
  throw new Error(`Unknown section(s): ${unknown.join(', ')}; known: ${Object.keys(SECTIONS).join(', ')}.`);
const names = asked.length > 0 ? asked : Object.keys(SECTIONS);

const started = performance.now();
const date = new Date();
const command = `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
const load = (label: string) =>
  `${label} ${loadavg()
    .map((value) => value.toFixed(2))
    .join(' / ')}`;
const header = [
  '# Benchmarks',
  '',
  `- Machine: ${machineLine()}`,
  `- Command: \`${command}\``,
  `- Date: ${date.toISOString()}`,
  `- ${load('Load average (1/5/15 min) at start:')}`,
  '',
];
console.log(header.join('\n'));
const rendered: string[] = [];
for (const name of names) {
  const loadBefore = load('Load average (1/5/15 min) at its start');
  const sectionStarted = new Date();
  const section = await SECTIONS[name]!();
  section.notes.push(
    `Run: \`${command}\` at ${sectionStarted.toISOString()}; ` + `${loadBefore}, ${load('at its end')}.`,
  );
  const text = renderSection(section);
  rendered.push(text);
  console.log(text);
}
const footer = [
  `- ${load('Load average at the end:')}`,
  `- Whole run: ${((performance.now() - started) / 1000).toFixed(0)} s.`,
  '',
];
console.log(footer.join('\n'));
const results = new URL('RESULTS.md', import.meta.url);
writeFileSync(
  results,
  asked.length === 0
    ? [...header, ...rendered, ...footer].join('\n')
    : replaceSections(readFileSync(results, 'utf8'), rendered),
);
