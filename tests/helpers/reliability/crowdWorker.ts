/**
 * Worker-thread entry: a crowd of honest writers (crowd.ts) driven by commands from the test
 * (remoteCrowd.ts). Each command is answered with one message carrying the same id.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { mulberry32 } from '../random.ts';
import { convergence, startCrowd } from './crowd.ts';
import { startTyping, type Typing } from './writers.ts';
import type { CrowdCommand, CrowdSpec } from './remoteCrowd.ts';

const spec = workerData as CrowdSpec;
const crowd = await startCrowd(spec.url, spec.wsUrl, spec.count, spec.chapterCount, { evidence: false });
let typing: Typing | null = null;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function run(cmd: CrowdCommand): Promise<unknown> {
  switch (cmd.kind) {
    case 'type':
      typing = startTyping(crowd.writers, mulberry32(cmd.seed));
      return null;
    case 'stop':
      typing?.stop();
      typing = null;
      await sleep(300); // the last confirmations
      return crowd.writers.flatMap((w) => w.latencies.splice(0));
    case 'converge':
      return convergence(spec.wsUrl, crowd, cmd.timeoutMs);
    case 'close':
      crowd.close();
      return null;
  }
}

parentPort!.on('message', (cmd: CrowdCommand) => {
  run(cmd).then(
    (value) => parentPort!.postMessage({ id: cmd.id, value }),
    (err: Error) => parentPort!.postMessage({ id: cmd.id, error: err.message }),
  );
});
parentPort!.postMessage({ id: 0, value: crowd.chapters });
