// /proc readers for tests: is a process gone, how much CPU has it used.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

let ticksPerSecond: number | null = null;

/** User + system CPU seconds the process has used so far (Linux /proc/<pid>/stat). */
export function cpuSeconds(pid: number): number {
  ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which is in parentheses and may contain spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
}

/** True while the process exists, zombies included (a zombie is a child nobody reaped). */
export function processExists(pid: number): boolean {
  return existsSync(`/proc/${pid}`);
}

/** Pids of the direct children of `parent` whose command line contains `needle`. */
export function childPids(parent: number, needle: string): number[] {
  const out = execFileSync('ps', ['--ppid', String(parent), '-o', 'pid=,args='], { encoding: 'utf8' });
  return out
    .split('\n')
    .filter((line) => line.includes(needle))
    .map((line) => Number(line.trim().split(/\s+/)[0]));
}
