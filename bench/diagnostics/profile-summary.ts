/**
 * Prints where a V8 CPU profile (.cpuprofile, from `--profile`) spends its time: the functions
 * with the most self time, and the share of time per source file (package or module).
 *
 * @example npx tsx bench/diagnostics/profile-summary.ts bench/results/profiles/<file>.cpuprofile [top=25]
 */
import fs from 'node:fs';
import { z } from 'zod';

const Profile = z.object({
  nodes: z.array(z.object({
    id: z.number(),
    callFrame: z.object({ functionName: z.string(), url: z.string(), lineNumber: z.number() }),
  })),
  samples: z.array(z.number()),
  timeDeltas: z.array(z.number()),
});

/** Shortens a script URL to the package (node_modules/<pkg>) or the repository path. */
export function sourceOf(url: string): string {
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  const m = url.match(/\/(server|shared|bench|client|assets)\/.*$/);
  return m ? m[0].slice(1) : url || '(native / GC / idle)';
}

function main(): void {
  const [file, topArg] = process.argv.slice(2);
  if (!file) throw new Error('usage: profile-summary.ts <file.cpuprofile> [top]');
  const top = Number(topArg ?? 25);
  const p = Profile.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  let total = 0;
  p.samples.forEach((id, i) => {
    const dt = p.timeDeltas[i] ?? 0;
    self.set(id, (self.get(id) ?? 0) + dt);
    total += dt;
  });
  const fn = new Map<string, number>();
  const src = new Map<string, number>();
  for (const [id, us] of self) {
    const n = byId.get(id)!;
    const { functionName, url, lineNumber } = n.callFrame;
    const key = `${functionName || '(anonymous)'}  ${sourceOf(url)}:${lineNumber + 1}`;
    fn.set(key, (fn.get(key) ?? 0) + us);
    src.set(sourceOf(url), (src.get(sourceOf(url)) ?? 0) + us);
  }
  const pct = (us: number) => `${((100 * us) / total).toFixed(1).padStart(5)} %`;
  console.log(`total ${(total / 1e6).toFixed(2)} s sampled\n\nself time by source:`);
  for (const [k, us] of [...src].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`${pct(us)}  ${k}`);
  console.log('\nself time by function:');
  for (const [k, us] of [...fn].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(us)}  ${k}`);
}

main();
