import { cpus, loadavg, totalmem } from 'node:os';

export interface Machine {
  cpu: string;
  cores: number;
  ramGiB: number;
  node: string;
  date: string;
  /** 1-minute load average when the run started: the machine may be shared. */
  loadAtStart: number;
}

/** What the figures were measured on. */
export function describeMachine(): Machine {
  const list = cpus();
  return {
    cpu: list[0]?.model.trim() ?? 'unknown',
    cores: list.length,
    ramGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
    loadAtStart: loadavg()[0]!,
  };
}

/** The 1-minute load average now. */
export function currentLoad(): number {
  return loadavg()[0]!;
}
