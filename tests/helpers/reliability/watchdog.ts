/**
 * Event-loop and memory measurements of the process a test runs in (used with the in-process
 * server, so that they measure the server's own event loop).
 */
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import vm from 'node:vm';

export interface Watchdog {
  /** Longest event-loop stall seen so far (ms). */
  maxStallMs(): number;
  stop(): void;
}

/**
 * Measures the longest stall of the event loop: a timer that should fire every `everyMs`
 * records how late it fired, and perf_hooks' histogram catches stalls between timer ticks.
 */
export function startWatchdog(everyMs = 10): Watchdog {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  let worst = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last - everyMs);
    last = now;
  }, everyMs);
  return {
    maxStallMs: () => Math.max(worst, histogram.max / 1e6),
    stop() {
      clearInterval(timer);
      histogram.disable();
    },
  };
}

let gcFn: (() => void) | null = null;

/** Forces a full garbage collection (exposes V8's gc() on first use). */
export function collectGarbage(): void {
  if (!gcFn) {
    v8.setFlagsFromString('--expose-gc');
    gcFn = vm.runInNewContext('gc') as () => void;
  }
  gcFn();
  gcFn();
}

/** Heap plus external (Buffer) memory after a full GC, in MiB. */
export function usedMemoryMiB(): number {
  collectGarbage();
  const m = process.memoryUsage();
  return (m.heapUsed + m.external) / 1024 / 1024; // external includes ArrayBuffers
}

/** Number of live libuv handles (sockets, timers, servers) of this process. */
export function activeHandleCount(): number {
  return (process as unknown as { _getActiveHandles(): unknown[] })._getActiveHandles().length;
}
