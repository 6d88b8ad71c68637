/**
 * Preloaded into every benchmarked server (`--expose-gc --import bench/diagnostics/heap-probe.ts`):
 * on SIGUSR2 it runs two full garbage collections and writes process.memoryUsage() as JSON to
 * `$BENCH_HEAP_PROBE_DIR/<pid>.json`. RSS alone mostly shows how far V8 has grown its heap, so
 * memory per chapter and per connection is read from the live heap after GC. Idle otherwise.
 */
import fs from 'node:fs';
import path from 'node:path';

const dir = process.env.BENCH_HEAP_PROBE_DIR;
const gc = (globalThis as { gc?: () => void }).gc;
if (dir && gc) {
  process.on('SIGUSR2', () => {
    gc();
    gc();
    const file = path.join(dir, `${process.pid}.json`);
    fs.writeFileSync(`${file}.tmp`, JSON.stringify({ at: Date.now(), ...process.memoryUsage() }));
    fs.renameSync(`${file}.tmp`, file);
  });
}
