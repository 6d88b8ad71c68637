/** Command-line flags of `npm run bench`, validated. */
import { z } from 'zod';
import { SERVER_KINDS, type ServerKind } from './servers/targets.ts';
import { TRACE_SOURCES, type TraceSource } from './trace.ts';

export const USAGE = `npm run bench -- [flags]
  --quick              smoke run: 3 s, scenario a, relay and ours (if it starts)
  --duration <s>       measured seconds per steady run (default 20)
  --warmup <s>         unmeasured seconds before each window (default 2)
  --scenarios a,b,...  which of a–i (default all); none with --client measures only the client
  --servers x,y        of ${SERVER_KINDS.join(', ')} (default all)
  --repeat <n>         run everything n times, alternating server order (default 1)
  --workers <n>        load-generator processes (default 2)
  --client             measure the client in Chromium (time to type, keystroke-to-paint);
                       on by default when neither --scenarios nor --quick is given
  --trace <source>     editing trace for (d) and --client: synthetic (default, made from a fixed
                       seed in the repository) or automerge-paper (optional extra, BENCH_TRACE_FILE)
  --profile            write V8 CPU profiles of the servers to bench/results/profiles/
  --out <file>         JSON output (default bench/results/<timestamp>.json)`;

export interface BenchArgs {
  durationS: number;
  warmupS: number;
  scenarios: string[];
  servers: ServerKind[];
  repeat: number;
  workers: number;
  profile: boolean;
  out: string | null;
  quick: boolean;
  client: boolean;
  trace: TraceSource;
}

const Flags = z.object({
  quick: z.boolean().default(false),
  duration: z.coerce.number().positive().max(600).optional(),
  warmup: z.coerce.number().min(0).max(60).optional(),
  scenarios: z.string().regex(/^([a-i](,[a-i])*|none)$/).optional(),
  servers: z.string().optional(),
  repeat: z.coerce.number().int().min(1).max(10).default(1),
  workers: z.coerce.number().int().min(1).max(8).default(2),
  profile: z.boolean().default(false),
  client: z.boolean().default(false),
  out: z.string().optional(),
  trace: z.enum(TRACE_SOURCES).default('synthetic'),
});

/** Named error for bad flags; the message includes the usage text. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export function parseArgs(argv: readonly string[]): BenchArgs {
  const raw: Record<string, string | boolean> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) throw new UsageError(`unexpected argument ${arg}\n${USAGE}`);
    const name = arg.slice(2);
    if (['quick', 'profile', 'client'].includes(name)) raw[name] = true;
    else if (i + 1 < argv.length) raw[name] = argv[++i]!;
    else throw new UsageError(`--${name} needs a value\n${USAGE}`);
  }
  const parsed = Flags.strict().safeParse(raw);
  if (!parsed.success) throw new UsageError(`${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}\n${USAGE}`);
  const f = parsed.data;
  const servers = f.servers ? f.servers.split(',') : f.quick ? ['ours', 'relay'] : [...SERVER_KINDS];
  for (const s of servers) if (!(SERVER_KINDS as readonly string[]).includes(s)) throw new UsageError(`unknown server ${s}\n${USAGE}`);
  return {
    quick: f.quick,
    durationS: f.duration ?? (f.quick ? 3 : 20),
    warmupS: f.warmup ?? (f.quick ? 0.5 : 2),
    scenarios: f.scenarios === 'none' ? [] : f.scenarios ? f.scenarios.split(',') : f.quick ? ['a'] : ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'],
    servers: servers as ServerKind[],
    repeat: f.repeat,
    workers: f.workers,
    profile: f.profile,
    client: f.client || (!f.quick && !f.scenarios),
    out: f.out ?? null,
    trace: f.trace,
  };
}
