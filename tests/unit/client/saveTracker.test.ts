// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { deriveSaveStatus, SaveTracker } from '../../../client/collab/saveTracker.ts';

describe('SaveTracker', () => {
  it('is saved only when the latest change is confirmed', () => {
    const t = new SaveTracker();
    expect(t.pending).toBe(false);
    t.localChange();
    t.localChange();
    expect(t.pending).toBe(true);
    expect(t.nextQuery()).toBe(2);
    t.localChange();
    expect(t.confirm(2)).toBe(true);
    expect(t.pending).toBe(true); // change 3 was made after the query
    expect(t.nextQuery()).toBe(3);
    expect(t.confirm(3)).toBe(true);
    expect(t.pending).toBe(false);
  });

  it('does not ask twice for the same nonce on one connection, but asks again on a new one', () => {
    const t = new SaveTracker();
    t.localChange();
    expect(t.nextQuery()).toBe(1);
    expect(t.nextQuery()).toBeNull();
    t.connectionReset();
    expect(t.nextQuery()).toBe(1);
  });

  it('ignores nonces it never sent, stale and malformed ones', () => {
    const t = new SaveTracker();
    t.localChange();
    expect(t.confirm(5)).toBe(false);
    expect(t.pending).toBe(true);
    expect(t.confirm(1)).toBe(true);
    expect(t.confirm(1)).toBe(false);
    expect(t.confirm(Number.NaN)).toBe(false);
    expect(t.nextQuery()).toBeNull();
  });
});

describe('deriveSaveStatus', () => {
  const base = { closed: false, synced: false, offline: false, pending: false };
  it('maps connection facts to the status line', () => {
    expect(deriveSaveStatus(base)).toBe('connecting');
    expect(deriveSaveStatus({ ...base, offline: true, pending: true })).toBe('offline');
    expect(deriveSaveStatus({ ...base, synced: true, pending: true })).toBe('saving');
    expect(deriveSaveStatus({ ...base, synced: true })).toBe('saved');
    expect(deriveSaveStatus({ ...base, synced: true, closed: true })).toBe('closed');
  });
});
