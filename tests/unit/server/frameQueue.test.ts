import { describe, expect, it } from 'vitest';
import { FrameQueue } from '../../../server/collab/frameQueue.ts';

describe('FrameQueue (a connection\'s waiting frames)', () => {
  it('gives items back in the order they came, across wrap-around and growth', () => {
    const q = new FrameQueue<number>(4);
    const out: number[] = [];
    let next = 0;
    // Interleave: the head wraps around the 4 slots, then the queue grows while wrapped.
    for (const [pushes, shifts] of [[3, 2], [3, 2], [3, 1], [6, 4], [0, 6]] as const) {
      for (let i = 0; i < pushes; i++) q.push(next++);
      for (let i = 0; i < shifts; i++) out.push(q.shift()!);
    }
    expect(out).toEqual(Array.from({ length: 15 }, (_, i) => i));
    expect(q.length).toBe(0);
    expect(q.shift()).toBeUndefined();
  });

  it('grows while its items wrap around the end of the buffer', () => {
    const q = new FrameQueue<number>(4);
    for (let i = 0; i < 4; i++) q.push(i);
    expect([q.shift(), q.shift()]).toEqual([0, 1]);
    q.push(4);
    q.push(5); // slots now hold 4, 5, 2, 3: full, the oldest in the middle
    q.push(6);
    expect(q.capacity).toBe(8);
    expect(Array.from({ length: 5 }, () => q.shift())).toEqual([2, 3, 4, 5, 6]);
  });

  it('keeps only as many slots as wait at once, however many frames pass through', () => {
    const q = new FrameQueue<Uint8Array>();
    for (let i = 0; i < 100_000; i++) {
      q.push(new Uint8Array([i & 0xff]));
      if (q.length > 10) q.shift();
    }
    expect(q.length).toBe(10);
    expect(q.capacity).toBe(16);
    expect(q.shift()![0]).toBe((100_000 - 10) & 0xff);
  });

  it('holds up to the connection limit and empties on clear', () => {
    const q = new FrameQueue<number>();
    for (let i = 0; i < 10_001; i++) q.push(i);
    expect(q.length).toBe(10_001);
    expect(q.capacity).toBe(16_384);
    expect(q.shift()).toBe(0);
    q.clear();
    expect(q.length).toBe(0);
    expect(q.shift()).toBeUndefined();
    q.push(7);
    expect(q.shift()).toBe(7);
  });
});
