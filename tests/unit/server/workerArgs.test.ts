import { describe, expect, it } from 'vitest';
import { withoutPreloads } from '../../../server/workers/tsWorker.ts';

describe('worker flags', () => {
  it('drop every preload, in both spellings, and keep the other flags', () => {
    expect(withoutPreloads(['--import', 'tsx', '--expose-gc', '--import=./probe.ts', '-r', 'x.cjs', '--require=y.cjs', '--loader', 'l.mjs', '--cpu-prof', '--experimental-loader=e.mjs', '--max-old-space-size=512']))
      .toEqual(['--expose-gc', '--cpu-prof', '--max-old-space-size=512']);
    expect(withoutPreloads([])).toEqual([]);
  });
});
