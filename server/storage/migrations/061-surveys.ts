import type { Migration } from '../migrations.ts';

/**
 * Resident surveys (docs/consultation.md "Surveys"): the survey with its definition (sections
 * and questions, JSON) and its anonymous responses — answers only, with the day they came in;
 * no address, no browser, no person.
 */
export const surveys: Migration = {
  version: 61,
  name: 'surveys',
  sql: `
CREATE TABLE surveys (
  id TEXT PRIMARY KEY,
  strategy_id TEXT NOT NULL REFERENCES strategies(id) ON DELETE CASCADE,
  public_token TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  opens_on TEXT NOT NULL,
  closes_on TEXT NOT NULL,
  definition TEXT NOT NULL,
  created_by TEXT REFERENCES users(id) ON DELETE SET NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX surveys_strategy ON surveys(strategy_id);

CREATE TABLE survey_responses (
  id INTEGER PRIMARY KEY,
  survey_id TEXT NOT NULL REFERENCES surveys(id) ON DELETE CASCADE,
  submitted_on TEXT NOT NULL,
  answers TEXT NOT NULL
);
CREATE INDEX survey_responses_survey ON survey_responses(survey_id);
`,
};
