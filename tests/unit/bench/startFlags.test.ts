import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startFlags } from '../../../bench/servers/targets.ts';

describe('the benchmark starts ours as npm start does', () => {
  it('reads the Node flags of package.json’s start script', () => {
    const flags = startFlags(path.resolve(import.meta.dirname, '../../..'));
    expect(flags).toContain('--max-semi-space-size=4');
    for (const f of flags) expect(f).toMatch(/^--?[\w-]+/);
  });
});
