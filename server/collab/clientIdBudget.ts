/**
 * How many new Yjs client ids each person may still add to one chapter this hour
 * (Limits.maxNewClientIdsPerHour). Seeded from storage when the room loads, so that reloading
 * the room does not reset it; ids the server writes with count too (it uses one per person
 * per loaded room).
 */
/** The budget's window: an hour. */
export const CLIENT_ID_WINDOW_MS = 60 * 60 * 1000;

export class ClientIdBudget {
  /** Per person: when each of their recent new ids first wrote, oldest first. */
  private readonly opened = new Map<string, number[]>();

  constructor(
    private readonly perHour: number,
    seed: Iterable<{ userId: string; at: number }> = [],
  ) {
    for (const { userId, at } of seed) this.record(userId, 1, at);
  }

  /** Whether `userId` may add `count` more new ids at `now`. */
  allows(userId: string, count: number, now: number): boolean {
    return this.recent(userId, now).length + count <= this.perHour;
  }

  record(userId: string, count: number, now: number): void {
    const list = this.recent(userId, now);
    for (let i = 0; i < count; i++) list.push(now);
    this.opened.set(userId, list);
  }

  private recent(userId: string, now: number): number[] {
    const list = this.opened.get(userId) ?? [];
    let stale = 0;
    while (stale < list.length && list[stale] <= now - CLIENT_ID_WINDOW_MS) stale++;
    if (stale > 0) list.splice(0, stale);
    return list;
  }
}
