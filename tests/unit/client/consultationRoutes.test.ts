/** The consultation and survey pages' addresses read back into their routes. */
import { describe, expect, it } from 'vitest';
import { matchRoute, paths } from '../../../client/router/routes.ts';

describe('consultation and survey routes', () => {
  it('round-trips every new path', () => {
    expect(matchRoute(paths.consultations('s1'))).toEqual({ name: 'consultations', strategyId: 's1' });
    expect(matchRoute(paths.publicConsultation('abc'))).toEqual({ name: 'publicConsultation', token: 'abc' });
    expect(matchRoute(paths.surveys('s1'))).toEqual({ name: 'surveys', strategyId: 's1' });
    expect(matchRoute(paths.publicSurvey('xyz'))).toEqual({ name: 'publicSurvey', token: 'xyz' });
    expect(paths.publicConsultation('abc')).toBe('/konsultacje/abc');
    expect(paths.publicSurvey('xyz')).toBe('/ankieta/xyz');
    expect(matchRoute('/konsultacje')).toEqual({ name: 'notFound' });
    expect(matchRoute('/strategia/s1/konsultacje/x')).toEqual({ name: 'notFound' });
  });

  it('links a remark and its suggestion both ways through fragments of the existing pages', () => {
    const toRemark = paths.consultationRemark('s1', 'k3x7q2m4', 12);
    expect(toRemark).toBe('/strategia/s1/konsultacje#uwaga-k3x7q2m4-12');
    expect(matchRoute(new URL(toRemark, 'https://x.pl').pathname)).toEqual({ name: 'consultations', strategyId: 's1' });
    const toSuggestion = paths.chapterSuggestion('c1', 'abcdefgh23456712');
    expect(toSuggestion).toBe('/rozdzial/c1#sugestia-abcdefgh23456712');
    expect(matchRoute(new URL(toSuggestion, 'https://x.pl').pathname)).toEqual({ name: 'chapter', chapterId: 'c1' });
  });
});
