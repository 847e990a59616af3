import { cpus, totalmem } from 'node:os';

/** The machine a run happened on, for the results: CPU model, cores, memory, Node version. */
export function machineLine(): string {
  const cores = cpus();
  const model = cores[0]?.model.trim() || 'unknown CPU';
  const memory = `${Math.round(totalmem() / 2 ** 30)} GiB`;
  return `${model}, ${cores.length} cores, ${memory} RAM, Node ${process.version} (${process.platform}/${process.arch})`;
}
