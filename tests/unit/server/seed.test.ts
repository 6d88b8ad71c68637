import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../server/config.ts';
import { createServices } from '../../../server/services.ts';
import { seedIfEmpty } from '../../../server/seed/seedIfEmpty.ts';
import { openDatabase } from '../../../server/storage/db.ts';
import { DEMO_CHAPTER_TEXT } from '../../../server/seed/demoText.ts';
import { STRATEGY_CHAPTER_TEMPLATE } from '../../../server/seed/template.ts';

const services = (env: Record<string, string> = {}) =>
  createServices(loadConfig({ ARGON2_MEMORY_KIB: '1024', LOG_LEVEL: 'error', ...env }), { db: openDatabase({ path: ':memory:' }) });

describe('seedIfEmpty', () => {
  it('seeds an empty database once and returns the six demo logins', async () => {
    const s = services();
    const written: string[] = [];
    const logins = await seedIfEmpty(s, { writeInitialText: (id) => void written.push(id) });
    expect(logins?.map((l) => l.email)).toEqual([
      'koordynator@walcz.example', 'tuczno@walcz.example', 'czlopa@walcz.example',
      'ekspert@zmp.example', 'obserwator@walcz.example', 'partner@inne.example',
    ]);
    expect(logins?.every((l) => l.password === 'strategia-demo' && l.description.length > 0)).toBe(true);
    expect(written).toHaveLength(Object.keys(DEMO_CHAPTER_TEXT).length);
    expect(await seedIfEmpty(s, { writeInitialText: () => {} })).toBeNull();
    expect(s.stores.partnerships.count()).toBe(2);
  });

  it('does nothing with SEED_DEMO=0', async () => {
    const s = services({ SEED_DEMO: '0' });
    expect(await seedIfEmpty(s, { writeInitialText: () => {} })).toBeNull();
    expect(s.stores.partnerships.count()).toBe(0);
  });

  it('has starting text for chapters 1, 3, 4, 5 and 6 of the 16-chapter template', () => {
    expect(STRATEGY_CHAPTER_TEMPLATE).toHaveLength(16);
    expect(STRATEGY_CHAPTER_TEMPLATE[0]).toBe('Metryka dokumentu');
    expect(STRATEGY_CHAPTER_TEMPLATE[15]).toBe('Ramy finansowe i źródła finansowania');
    for (const i of [1, 3, 4, 5, 6]) expect(DEMO_CHAPTER_TEXT[i]?.length).toBeGreaterThanOrEqual(3);
  });
});
