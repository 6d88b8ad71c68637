/** Matching Word authors to members (server/import/authors.ts). */
import { describe, expect, it } from 'vitest';
import type { MemberDto } from '../../../../shared/apiTypes.ts';
import { matchAuthor, normaliseName } from '../../../../server/import/authors.ts';

const member = (userId: string, name: string, email: string, deactivated = false): MemberDto => ({
  userId, name, email, role: 'editor', active: true, deactivated,
  organization: { id: 'o', name: 'Gmina', kind: 'gmina', terc: null },
});
const members = [
  member('u-anna', 'Anna Nowak', 'anna@walcz.example'),
  member('u-jan1', 'Jan Kowalski', 'jan1@walcz.example'),
  member('u-jan2', 'Jan Kowalski', 'jan2@tuczno.example'),
  member('u-lech', 'Łukasz Żółć', 'lz@walcz.example'),
  member('u-gone', 'Ewa Stara', 'ewa@walcz.example', true),
];

describe('matching Word authors', () => {
  it('by name, ignoring case, accents, word order and a trailing organisation', () => {
    expect(matchAuthor('anna nowak', members, new Map())).toEqual({ userId: 'u-anna', match: 'name', candidates: [] });
    expect(matchAuthor('Nowak Anna (Gmina Miejska Wałcz)', members, new Map()).userId).toBe('u-anna');
    expect(matchAuthor('Lukasz Zolc', members, new Map()).userId).toBe('u-lech');
    expect(normaliseName('Żółć  Łukasz')).toBe(normaliseName('łukasz żółć'));
  });

  it('by an e-mail address in the name', () => {
    expect(matchAuthor('J. Kowalski <jan2@tuczno.example>', members, new Map())).toEqual({ userId: 'u-jan2', match: 'email', candidates: [] });
  });

  it('two members with the name: ambiguous, the importer chooses', () => {
    expect(matchAuthor('Jan Kowalski', members, new Map())).toEqual({ userId: null, match: 'ambiguous', candidates: ['u-jan1', 'u-jan2'] });
  });

  it('a remembered link wins, also "keep the name from the file"; a deactivated member is never proposed', () => {
    expect(matchAuthor('Jan Kowalski', members, new Map([['Jan Kowalski', 'u-jan2']]))).toEqual({ userId: 'u-jan2', match: 'remembered', candidates: [] });
    expect(matchAuthor('Anna Nowak', members, new Map([['Anna Nowak', null]]))).toEqual({ userId: null, match: 'remembered', candidates: [] });
    expect(matchAuthor('Ewa Stara', members, new Map()).match).toBe('none');
    expect(matchAuthor('Ewa Stara', members, new Map([['Ewa Stara', 'u-gone']])).match).toBe('none');
  });
});
