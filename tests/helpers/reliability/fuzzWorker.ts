/**
 * Worker-thread entry: runs the fuzz lanes given in workerData and posts their results.
 * Started by runLanesInWorker() with tsx as the loader.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runLane, type LaneSpec } from './fuzzLanes.ts';

const lanes = workerData as LaneSpec[];
const results = await Promise.all(lanes.map(runLane));
parentPort!.postMessage(results);
