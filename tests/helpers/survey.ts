/** A strategy survey of the kinds strategy surveys use, for tests. */
import type { CreateSurveyRequest } from '../../shared/survey/api.ts';

export const AGE_BANDS = ['poniżej 15', '15–19', '20–29', '30–44', '45–64', '65 i więcej'];
export const GMINY = ['Wałcz (miasto)', 'Wałcz (gmina wiejska)', 'Człopa', 'Mirosławiec', 'Tuczno'];
export const NEEDS = ['komunikacja', 'mieszkania', 'praca', 'kultura', 'sport'];

export const surveyRequest = (extra: Partial<CreateSurveyRequest> = {}): CreateSurveyRequest => ({
  title: 'Młodzi o przyszłości powiatu', description: 'Ankieta do diagnozy strategii.', opensOn: '2026-11-26', closesOn: '2026-12-31',
  sections: [
    {
      title: 'O Tobie',
      questions: [
        { id: 'wiek', kind: 'single', text: 'Ile masz lat?', required: true, options: AGE_BANDS, other: false, group: 'age' },
        { id: 'gmina', kind: 'single', text: 'Gdzie mieszkasz?', required: true, options: GMINY, other: false, group: 'gmina' },
        { id: 'rola', kind: 'single', text: 'Kim jesteś?', required: false, options: ['uczeń/studentka', 'pracuję', 'inna sytuacja'], other: true, group: 'role' },
      ],
    },
    {
      title: 'Twoje zdanie',
      questions: [
        { id: 'potrzeby', kind: 'multiple', text: 'Czego brakuje najbardziej?', required: true, options: NEEDS, other: true, group: null },
        { id: 'ocena', kind: 'scale', text: 'Jak oceniasz życie w powiecie?', required: true, options: [], other: false, group: null },
        { id: 'ranking', kind: 'ranking', text: 'Uporządkuj od najważniejszego', required: false, options: ['drogi', 'szkoły', 'zieleń'], other: false, group: null },
        { id: 'pomysl', kind: 'short', text: 'Jeden pomysł dla powiatu', required: false, options: [], other: false, group: null },
        { id: 'uwagi', kind: 'long', text: 'Co jeszcze chcesz nam powiedzieć?', required: false, options: [], other: false, group: null },
      ],
    },
  ],
  ...extra,
});

/** A survey of the Wałcz strategy made directly in storage, open on the fake clock's day, with one response. */
export function storedSurvey(t: { services: import('../../server/services.ts').Services; demo: { walcz: { strategyId: string } }; clock: { now: number } }): { id: string; token: string } {
  const req = surveyRequest();
  const row = t.services.stores.surveys.create({
    strategyId: t.demo.walcz.strategyId, title: req.title, description: req.description, opensOn: req.opensOn, closesOn: req.closesOn,
    definition: JSON.stringify(req.sections), createdBy: null, createdAt: t.clock.now,
  });
  t.services.stores.surveys.addResponse(row.id, '2026-11-26', { wiek: { choice: 1 }, gmina: { choice: 0 }, potrzeby: { choices: [1] }, ocena: { value: 3 } });
  return { id: row.id, token: row.public_token };
}

export const validSurveyAnswers = { wiek: { choice: 2 }, gmina: { choice: 0 }, potrzeby: { choices: [0, 2] }, ocena: { value: 4 } };
