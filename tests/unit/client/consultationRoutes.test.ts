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
});
