/**
 * CPU time of a process tree from /proc (Linux only): utime + stime of every live process in
 * the tree plus cutime + cstime (children already reaped, e.g. PostgreSQL backends that
 * ended). The difference of two samples is the CPU the tree used in between.
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

let ticksPerSecond: number | null = null;

function clockTicks(): number {
  if (ticksPerSecond === null) {
    try {
      ticksPerSecond = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

interface ProcStat {
  pid: number;
  ppid: number;
  ticks: number;
}

function readStat(pid: number): ProcStat | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name is in parentheses and may hold spaces: split after the last ')'.
    const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
    const num = (index: number) => Number(fields[index] ?? 0);
    // fields[0] = state (field 3), so field n is fields[n - 3].
    return { pid, ppid: num(1), ticks: num(11) + num(12) + num(13) + num(14) };
  } catch {
    return null;
  }
}

/** CPU milliseconds of `rootPid` and its descendants, or null when /proc is unavailable. */
export function treeCpuMs(rootPid: number | null | undefined): number | null {
  if (!rootPid) return null;
  let pids: number[];
  try {
    pids = readdirSync("/proc").filter((name) => /^\d+$/.test(name)).map(Number);
  } catch {
    return null;
  }
  const stats = pids.map(readStat).filter((s): s is ProcStat => s !== null);
  const children = new Map<number, ProcStat[]>();
  for (const stat of stats) children.set(stat.ppid, [...(children.get(stat.ppid) ?? []), stat]);
  const root = stats.find((s) => s.pid === rootPid);
  if (!root) return null;
  let ticks = 0;
  const queue = [root];
  while (queue.length > 0) {
    const next = queue.pop()!;
    ticks += next.ticks;
    queue.push(...(children.get(next.pid) ?? []));
  }
  return (ticks / clockTicks()) * 1000;
}
