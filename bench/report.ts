/**
 * The result table: one block per scenario, one row per metric, one column per server, then the
 * ratios ours/peer (below 1 is better for ours where lower is better, and the reverse for rates).
 */
import type { ServerKind } from './servers/targets.ts';
import type { Metrics, Scenario } from './scenarios/types.ts';

/** Aggregate of one server in one scenario (median over repeats). */
export interface Cell {
  server: ServerKind;
  metrics: Metrics | null;
  /** null: no check; false: at least one run did not converge. */
  converged: boolean | null;
  /** Why there are no numbers (n/a or error). */
  missing: string | null;
  runs: number;
}

export interface ScenarioSummary {
  scenario: Scenario;
  cells: Cell[];
  notes: string[];
}

const PEERS: readonly ServerKind[] = ['hocuspocus-sqlite', 'hocuspocus', 'relay'];
const LABEL: Record<ServerKind, string> = { ours: 'ours', 'hocuspocus-sqlite': 'Hocuspocus+SQLite', hocuspocus: 'Hocuspocus (memory)', relay: 'reference relay' };

function fmt(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '–';
  const a = Math.abs(v);
  return a >= 1000 ? v.toFixed(0) : a >= 100 ? v.toFixed(1) : a >= 1 ? v.toFixed(2) : v.toFixed(3);
}

function ratio(a: number | null | undefined, b: number | null | undefined): string {
  if (a === null || a === undefined || b === null || b === undefined || !Number.isFinite(a) || !Number.isFinite(b) || b === 0) return '–';
  return `${(a / b).toFixed(2)}×`;
}

/** Markdown table of all scenarios for the servers that took part. */
export function renderTable(summaries: readonly ScenarioSummary[], servers: readonly ServerKind[]): string {
  const peers = servers.includes('ours') ? PEERS.filter((p) => servers.includes(p)) : [];
  const out: string[] = [];
  for (const s of summaries) {
    const cell = (k: ServerKind) => s.cells.find((c) => c.server === k);
    out.push(`### ${s.scenario.title}`, '');
    out.push(`| metric | ${servers.map((k) => LABEL[k]).join(' | ')} |${peers.map((p) => ` ours / ${LABEL[p]} |`).join('')}`);
    out.push(`|---|${servers.map(() => '---:').join('|')}|${peers.map(() => '---:|').join('')}`);
    const missing = servers.map((k) => cell(k)?.missing ?? null);
    if (missing.some((m) => m !== null)) {
      out.push(`| status | ${missing.map((m) => (m ? `n/a (${m})` : 'ok')).join(' | ')} |${peers.map(() => ' |').join('')}`);
    }
    const conv = servers.map((k) => cell(k)?.converged ?? null);
    if (conv.some((c) => c !== null)) {
      out.push(`| all copies identical | ${conv.map((c) => (c === null ? '–' : c ? 'yes' : '**NO — run failed**')).join(' | ')} |${peers.map(() => ' |').join('')}`);
    }
    for (const col of s.scenario.columns) {
      const values = servers.map((k) => cell(k)?.metrics?.[col.key] ?? null);
      const ours = cell('ours')?.metrics?.[col.key] ?? null;
      const ratios = peers.map((p) => ` ${ratio(ours, cell(p)?.metrics?.[col.key])} |`).join('');
      out.push(`| ${col.label} | ${values.map(fmt).join(' | ')} |${ratios}`);
    }
    for (const n of s.notes) out.push('', `- ${n}`);
    out.push('');
  }
  return out.join('\n');
}
