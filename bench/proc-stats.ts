/**
 * CPU time and memory of a process and its descendants, read from Linux /proc (no sampling
 * profiler, no cooperation from the measured server). CPU has the kernel's tick resolution
 * (usually 10 ms), so short windows are rounded to that.
 */
import fs from 'node:fs';

const TICKS_PER_SECOND = 100; // getconf CLK_TCK on Linux x86-64/arm64
const PAGE_BYTES = 4096;

/** Counters of one process tree at one instant. */
export interface TreeSample {
  /** user + system CPU seconds of every live process in the tree. */
  cpuSeconds: number;
  /** The system (kernel) part of cpuSeconds: syscalls, e.g. socket writes and fsync's journaling. */
  systemSeconds: number;
  /** Resident set size of the tree, bytes. */
  rssBytes: number;
  pids: number[];
}

function readStat(pid: number): { ppid: number; cpuTicks: number; sysTicks: number; rssPages: number } | null {
  let text: string;
  try {
    text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null; // exited
  }
  // The command name (field 2) may contain spaces and parentheses: split after the last ')'.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state): ppid = field 4, utime = 14, stime = 15, rss = 24.
  return {
    ppid: Number(fields[1]),
    cpuTicks: Number(fields[11]) + Number(fields[12]),
    sysTicks: Number(fields[12]),
    rssPages: Number(fields[21]),
  };
}

function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of fs.readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    const stat = readStat(pid);
    if (!stat) continue;
    const list = children.get(stat.ppid) ?? [];
    list.push(pid);
    children.set(stat.ppid, list);
  }
  const out = [root];
  for (let i = 0; i < out.length && i < 10_000; i++) out.push(...(children.get(out[i]!) ?? []));
  return out;
}

/** Samples the tree rooted at `pid`. Exited processes contribute nothing. */
export function sampleTree(pid: number): TreeSample {
  const pids = descendants(pid);
  let ticks = 0;
  let sys = 0;
  let pages = 0;
  const live: number[] = [];
  for (const p of pids) {
    const stat = readStat(p);
    if (!stat) continue;
    live.push(p);
    ticks += stat.cpuTicks;
    sys += stat.sysTicks;
    pages += stat.rssPages;
  }
  return { cpuSeconds: ticks / TICKS_PER_SECOND, systemSeconds: sys / TICKS_PER_SECOND, rssBytes: pages * PAGE_BYTES, pids: live };
}

/** CPU seconds of several unrelated processes (the load generator's workers and this process). */
export function cpuSecondsOf(pids: readonly number[]): number {
  let ticks = 0;
  for (const p of pids) ticks += readStat(p)?.cpuTicks ?? 0;
  return ticks / TICKS_PER_SECOND;
}

/** Samples RSS of a tree periodically and keeps the peak; stop() returns it in bytes. */
export function watchPeakRss(pid: number, everyMs = 250): { stop(): number } {
  let peak = sampleTree(pid).rssBytes;
  const timer = setInterval(() => { peak = Math.max(peak, sampleTree(pid).rssBytes); }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, sampleTree(pid).rssBytes);
    },
  };
}
