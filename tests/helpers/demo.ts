/**
 * Demo accounts (seeded by server/seed) and lookups of their chapters.
 */
import type { StrategyDto } from '../../shared/apiTypes.ts';
import { getJson } from './server.ts';

export const DEMO = {
  coordinator: 'koordynator@walcz.example',
  editorTuczno: 'tuczno@walcz.example',
  editorCzlopa: 'czlopa@walcz.example',
  expert: 'ekspert@zmp.example',
  viewer: 'obserwator@walcz.example',
  otherPartnership: 'partner@inne.example',
} as const;

/** The kinds of person the access tests try, and the demo account each logs in as. */
export type ActorKind = 'coordinator' | 'editor' | 'expert' | 'viewer' | 'other' | 'anonymous';
export const ACTOR_EMAIL: Record<Exclude<ActorKind, 'anonymous'>, string> = {
  coordinator: DEMO.coordinator,
  editor: DEMO.editorTuczno,
  expert: DEMO.expert,
  viewer: DEMO.viewer,
  other: DEMO.otherPartnership,
};
export const ACTOR_KINDS: ActorKind[] = ['coordinator', 'editor', 'expert', 'viewer', 'other', 'anonymous'];

/** Chapter ids of the first strategy the cookie's user can see, in order. */
export async function chapterIds(baseUrl: string, cookie: string): Promise<string[]> {
  const strategies = await getJson<StrategyDto[]>(baseUrl, '/api/strategies', cookie);
  return strategies[0].chapters.map((c) => c.id);
}
