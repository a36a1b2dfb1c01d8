/**
 * What a bench result must say about where it ran: the machine is shared, so its load
 * before and after is part of the number.
 */
import { cpus, loadavg, totalmem } from 'node:os';

export interface Machine {
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly node: string;
  readonly loadAverage1m: number;
}

/** The machine, now. */
export function machine(): Machine {
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    loadAverage1m: Math.round((loadavg()[0] ?? 0) * 100) / 100,
  };
}

/** One markdown line describing the machine and its load. */
export function machineLine(before: Machine, after: Machine): string {
  return `${before.cpu}, ${before.cores} cores, ${before.memoryGiB} GiB, Node ${before.node}; 1-minute load average ${before.loadAverage1m} before, ${after.loadAverage1m} after (a shared machine: other sessions were running).`;
}
