/**
 * A first-in-first-out queue on a ring buffer: push and shift are O(1) (push amortised: the
 * buffer doubles when full), where Array.prototype.shift moves every waiting element. Holds a
 * connection's frames that wait for tokens or for the room (Connection.receive), up to
 * Limits.maxHeldFrames of them.
 */
export class FrameQueue<T> {
  private slots: (T | undefined)[];
  private head = 0;
  private count = 0;

  /** @param initialCapacity slots before the first growth (rounded up to a power of two) */
  constructor(initialCapacity = 16) {
    let capacity = 1;
    while (capacity < initialCapacity) capacity *= 2;
    this.slots = new Array<T | undefined>(capacity);
  }

  get length(): number {
    return this.count;
  }

  /** Slots held now (for tests: the buffer grows only with what waits at once). */
  get capacity(): number {
    return this.slots.length;
  }

  push(item: T): void {
    if (this.count === this.slots.length) this.grow();
    this.slots[(this.head + this.count) & (this.slots.length - 1)] = item;
    this.count++;
  }

  /** The oldest item, removed; undefined when empty. */
  shift(): T | undefined {
    if (this.count === 0) return undefined;
    const item = this.slots[this.head];
    this.slots[this.head] = undefined;
    this.head = (this.head + 1) & (this.slots.length - 1);
    this.count--;
    return item;
  }

  /** Drops everything (the buffer keeps its size). */
  clear(): void {
    this.slots.fill(undefined);
    this.head = 0;
    this.count = 0;
  }

  private grow(): void {
    const old = this.slots;
    const next = new Array<T | undefined>(old.length * 2);
    for (let i = 0; i < this.count; i++) next[i] = old[(this.head + i) & (old.length - 1)];
    this.slots = next;
    this.head = 0;
  }
}
