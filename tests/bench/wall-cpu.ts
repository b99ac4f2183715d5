// Where the CPU goes while a wall arm samples: every process the bench started (the simulated cameras, the core
// and any ffmpeg, Chromium by process type, tesseract) and, inside the busiest ones, their threads, from
// /proc/<pid>/stat and /proc/<pid>/task/<tid>/stat, as % of one core over the window; and how busy the whole
// machine was (/proc/stat), so what other work took shows as the rest. Observes only.
import { readdirSync, readFileSync } from 'node:fs';
import { descendants, round } from './wall-harness';

/** Clock ticks per second of /proc's utime and stime (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;
/** Processes whose threads are listed (by thread name, digits folded: the 16 encoders are one line). */
const THREADED = /^(simulator|core|chromium-renderer|chromium-gpu-process)$/;

interface Snapshot {
  at: number;
  machine: { busy: number; total: number };
  processes: Map<number, { group: string; ticks: number; threads: Map<number, { name: string; ticks: number }> }>;
}

function read(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

/** utime + stime of a /proc stat line, and the name between the parentheses. */
function statTicks(stat: string | null): { name: string; ticks: number } | null {
  if (!stat) return null;
  const open = stat.indexOf('(');
  const close = stat.lastIndexOf(')');
  const fields = stat.slice(close + 2).split(' ');
  // After the name: state is field 3 of the man page, utime 14 and stime 15.
  return { name: stat.slice(open + 1, close), ticks: Number(fields[11]) + Number(fields[12]) };
}

function group(pid: number, comm: string): string {
  const cmd = (read(`/proc/${pid}/cmdline`) ?? '').replaceAll('\0', ' ');
  if (cmd.includes('rtsp_server.py')) return 'simulator';
  if (comm === 'ffmpeg') return 'ffmpeg';
  if (cmd.includes('src-main/core/cli.ts') || cmd.includes('.ioc-core/cli.mjs')) return 'core';
  if (comm === 'tesseract') return 'tesseract';
  if (/chrom/i.test(comm) || cmd.includes('/chromium')) {
    const type = /--type=([\w-]+)/.exec(cmd)?.[1];
    if (!type) return 'chromium-browser';
    const service = type === 'utility' ? /--utility-sub-type=([\w.]+)/.exec(cmd)?.[1]?.split('.').at(-2) : null;
    return service ? `chromium-utility-${service}` : `chromium-${type}`;
  }
  return `other-${comm}`;
}

function threads(pid: number) {
  const out = new Map<number, { name: string; ticks: number }>();
  let tids: string[] = [];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return out;
  }
  for (const tid of tids) {
    const t = statTicks(read(`/proc/${pid}/task/${tid}/stat`));
    if (t) out.set(Number(tid), t);
  }
  return out;
}

function machineTicks() {
  const line = (read('/proc/stat') ?? '').split('\n')[0] ?? '';
  const n = line.trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal
  const idle = (n[3] ?? 0) + (n[4] ?? 0);
  const total = n.slice(0, 8).reduce((s, v) => s + v, 0);
  return { busy: total - idle, total };
}

function snapshot(root: number, named: Readonly<Record<number, string>>): Snapshot {
  const processes: Snapshot['processes'] = new Map();
  for (const p of [{ pid: root, status: { comm: 'node' } }, ...descendants(root)]) {
    const own = statTicks(read(`/proc/${p.pid}/stat`));
    if (!own) continue;
    const name = p.pid === root ? 'bench' : (named[p.pid] ?? group(p.pid, p.status.comm));
    processes.set(p.pid, { group: name, ticks: own.ticks, threads: THREADED.test(name) ? threads(p.pid) : new Map() });
  }
  return { at: Date.now(), machine: machineTicks(), processes };
}

export interface CpuSplit {
  seconds: number;
  /** The whole machine: busy share of all cores, in % of one core (2 cores: up to 200). */
  machinePct: number;
  /** Per process group, % of one core, busiest first. */
  groups: Record<string, number>;
  /** Per thread name (digits folded) of the threaded groups, % of one core, the busiest ten each. */
  threads: Record<string, Record<string, number>>;
  /** Simulator threads that used CPU: about one streaming thread per encoder running. */
  simulatorBusyThreads: number;
}

/**
 * Starts a window now; the returned function closes it and says where the CPU went. `named` labels processes
 * the command line does not tell (the core runs from a bundle).
 */
export function startCpuSample(named: Readonly<Record<number, string>> = {}, root = process.pid): () => CpuSplit {
  const before = snapshot(root, named);
  return () => {
    const after = snapshot(root, named);
    const seconds = (after.at - before.at) / 1000;
    const pct = (ticks: number) => round((ticks / TICKS_PER_SECOND / seconds) * 100)!;
    const groups: Record<string, number> = {};
    const threadTicks: Record<string, Record<string, number>> = {};
    let simulatorBusyThreads = 0;
    for (const [pid, now] of after.processes) {
      const was = before.processes.get(pid);
      groups[now.group] = (groups[now.group] ?? 0) + now.ticks - (was?.ticks ?? 0);
      if (!THREADED.test(now.group)) continue;
      const byName = (threadTicks[now.group] ??= {});
      for (const [tid, t] of now.threads) {
        const used = t.ticks - (was?.threads.get(tid)?.ticks ?? 0);
        const name = t.name.replace(/\d+/g, '#');
        byName[name] = (byName[name] ?? 0) + used;
        if (now.group === 'simulator' && used > 0) simulatorBusyThreads++;
      }
    }
    const sorted = (record: Record<string, number>, top = Infinity) =>
      Object.fromEntries(
        Object.entries(record)
          .filter(([, ticks]) => ticks > 0)
          .sort((a, b) => b[1] - a[1])
          .slice(0, top)
          .map(([k, ticks]) => [k, pct(ticks)]),
      );
    const cores = readdirSync('/sys/devices/system/cpu').filter((d) => /^cpu\d+$/.test(d)).length || 1;
    const machine = after.machine.busy - before.machine.busy;
    const total = after.machine.total - before.machine.total;
    return {
      seconds: round(seconds)!,
      machinePct: total > 0 ? round((machine / total) * cores * 100)! : 0,
      groups: sorted(groups),
      threads: Object.fromEntries(Object.entries(threadTicks).map(([g, byName]) => [g, sorted(byName, 10)])),
      simulatorBusyThreads,
    };
  };
}

/** One line per group and the threads of the renderer and the simulator, for the console. */
export function describeCpu(split: CpuSplit): string {
  const groups = Object.entries(split.groups)
    .map(([g, p]) => `${g} ${p}`)
    .join(', ');
  const threads = Object.entries(split.threads)
    .map(
      ([g, byName]) =>
        `      ${g}: ` +
        Object.entries(byName)
          .map(([n, p]) => `${n} ${p}`)
          .join(', '),
    )
    .join('\n');
  return (
    `   CPU over ${split.seconds} s (% of one core): machine ${split.machinePct}; ${groups}; ` +
    `simulator threads busy ${split.simulatorBusyThreads}\n${threads}`
  );
}
