/**
 * Demo accounts (seeded by server/seed) and lookups of their chapters.
 */
import type { StrategyDto } from '../../shared/api.ts';
import { getJson } from './server.ts';

export const DEMO = {
  coordinator: 'koordynator@walcz.example',
  editorTuczno: 'tuczno@walcz.example',
  editorCzlopa: 'czlopa@walcz.example',
  expert: 'ekspert@zmp.example',
  viewer: 'obserwator@walcz.example',
  otherPartnership: 'partner@inne.example',
} as const;

/** Chapter ids of the first strategy the cookie's user can see, in order. */
export async function chapterIds(baseUrl: string, cookie: string): Promise<string[]> {
  const strategies = await getJson<StrategyDto[]>(baseUrl, '/api/strategies', cookie);
  return strategies[0].chapters.map((c) => c.id);
}
