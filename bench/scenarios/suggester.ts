/**
 * (g) The latency that checking a suggester's update adds, on a chapter of the (d) size. Needs
 * tracked suggestions on the server (a connection whose role may only suggest, and the server
 * checking each of its updates). Until that exists this prints n/a; to add it, open the writers
 * with a suggester account's cookie (OursApi) and reuse typingPhase() from steady.ts on a chapter
 * seeded with the trace (cold-load.ts), comparing with the same run as an editor.
 */
import type { Scenario } from './types.ts';

/** Set to true once the server checks suggesters' updates. */
const SUGGESTIONS_BUILT = false;

export const scenarioG: Scenario = {
  id: 'g',
  title: '(g) latency added by checking a suggester’s update (chapter of (d) size)',
  columns: [{ key: 'addedP99Ms', label: 'added latency p99 (ms)', lowerIsBetter: true }],
  notApplicable: (kind) => (!SUGGESTIONS_BUILT ? 'not built yet' : kind === 'ours' ? null : 'no suggestions in this server'),
  run: () => Promise.reject(new Error('suggestions are not built yet')),
};
