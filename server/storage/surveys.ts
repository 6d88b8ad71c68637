/** Surveys and their anonymous responses (migration 061). */
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import type { Db } from './db.ts';
import { newId } from './ids.ts';

export interface SurveyRow {
  id: string;
  strategy_id: string;
  public_token: string;
  title: string;
  description: string;
  opens_on: string;
  closes_on: string;
  definition: string;
  created_by: string | null;
  created_at: number;
}

export function createSurveyStore(db: Db) {
  const insert = db.prepare(
    `INSERT INTO surveys (id, strategy_id, public_token, title, description, opens_on, closes_on, definition, created_by, created_at)
     VALUES (@id, @strategyId, @token, @title, @description, @opensOn, @closesOn, @definition, @createdBy, @createdAt)`,
  );
  const byId = db.prepare<[string], SurveyRow>(`SELECT * FROM surveys WHERE id = ?`);
  const byToken = db.prepare<[string], SurveyRow>(`SELECT * FROM surveys WHERE public_token = ?`);
  const ofStrategy = db.prepare<[string], SurveyRow>(`SELECT * FROM surveys WHERE strategy_id = ? ORDER BY created_at DESC, rowid DESC`);
  const count = db.prepare<[string], { n: number }>(`SELECT COUNT(*) AS n FROM survey_responses WHERE survey_id = ?`);
  const insertResponse = db.prepare(`INSERT INTO survey_responses (survey_id, submitted_on, answers) VALUES (?, ?, ?)`);
  const responses = db.prepare<[string], { id: number; submitted_on: string; answers: string }>(
    `SELECT id, submitted_on, answers FROM survey_responses WHERE survey_id = ? ORDER BY id`,
  );

  return {
    create(s: { strategyId: string; title: string; description: string; opensOn: string; closesOn: string; definition: string; createdBy: string | null; createdAt: number }): SurveyRow {
      const id = newId();
      const bytes = new Uint8Array(16);
      crypto.getRandomValues(bytes);
      insert.run({ id, token: encodeBase32LowerCaseNoPadding(bytes), ...s });
      return byId.get(id)!;
    },
    byId: (id: string) => byId.get(id),
    byToken: (token: string) => byToken.get(token),
    ofStrategy: (strategyId: string) => ofStrategy.all(strategyId),
    responseCount: (surveyId: string) => count.get(surveyId)?.n ?? 0,
    addResponse: (surveyId: string, day: string, answers: unknown) => void insertResponse.run(surveyId, day, JSON.stringify(answers)),
    /** Many responses in one transaction (seeding, imports). */
    addResponses: db.transaction((surveyId: string, day: string, list: readonly unknown[]) => {
      for (const a of list) insertResponse.run(surveyId, day, JSON.stringify(a));
    }),
    responses: (surveyId: string) => responses.all(surveyId).map((r) => ({ id: r.id, submittedOn: r.submitted_on, answers: JSON.parse(r.answers) as Record<string, unknown> })),
  };
}

export type SurveyStore = ReturnType<typeof createSurveyStore>;
