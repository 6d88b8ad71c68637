/** All scenarios, by id, in the order they run. */
import { scenarioD } from './cold-load.ts';
import { scenarioF } from './idle-memory.ts';
import { scenarioE } from './max-rate.ts';
import { scenarioA, scenarioB, scenarioC } from './steady.ts';
import { scenarioG } from './suggester.ts';
import { scenarioH } from './export.ts';
import { scenarioI } from './overload.ts';
import type { Scenario } from './types.ts';

export const SCENARIOS: readonly Scenario[] = [scenarioA, scenarioB, scenarioC, scenarioD, scenarioE, scenarioF, scenarioG, scenarioH, scenarioI];
