/**
 * The fiche field check (issue 19): every transaction that touches a fiche's `fiche` map leaves
 * only exactly valid values, whatever a hand-written client sends. Checked on a document that
 * holds a valid fiche, with updates made by a second document (as they arrive from a socket).
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { invalidFicheField } from '../../../server/collab/ficheCheck.ts';
import { FICHE_MAP, emptyFicheFields } from '../../../shared/projects/fiche.ts';
import { initialFicheUpdate } from '../../../server/projects/service.ts';

/** The organisations of the fiche's partnership in these tests. */
const PARTNERSHIP_ORGS = new Set(['org1', 'org2']);

/** Applies the change made on a copy of the fiche to the "server" copy and returns the verdict. */
function verdict(change: (doc: Y.Doc) => void): string | null {
  const server = new Y.Doc();
  Y.applyUpdate(server, initialFicheUpdate(emptyFicheFields('Projekt')));
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  const before = Y.encodeStateVector(client);
  change(client);
  let result: string | null = 'not judged';
  server.on('afterTransaction', (tr) => {
    result = invalidFicheField(tr, (id) => PARTNERSHIP_ORGS.has(id));
  });
  Y.applyUpdate(server, Y.encodeStateAsUpdate(client, before));
  return result;
}

describe('fiche field check', () => {
  it('accepts valid values and text changes', () => {
    expect(verdict((d) => d.getMap(FICHE_MAP).set('totalCostGrosze', 1_000_000_30))).toBeNull();
    expect(verdict((d) => d.getMap(FICHE_MAP).set('funding', { eu: 10, national: 20, kpo: 0, own: 0, other: 0 }))).toBeNull();
    expect(verdict((d) => d.getMap(FICHE_MAP).set('partners', [{ organizationId: 'org1', role: 'lider', costGrosze: 5 }]))).toBeNull();
    expect(verdict((d) => d.getXmlFragment('default').insert(0, [new Y.XmlText('akapit')]))).toBeNull();
  });

  it('refuses invalid values, unknown and removed keys, and shared types inside the map', () => {
    const m = (d: Y.Doc) => d.getMap(FICHE_MAP);
    expect(verdict((d) => m(d).set('totalCostGrosze', 10.5))).toContain('invalid fiche field');
    expect(verdict((d) => m(d).set('totalCostGrosze', -1))).toContain('invalid fiche field');
    expect(verdict((d) => m(d).set('totalCostGrosze', '100'))).toContain('invalid fiche field');
    expect(verdict((d) => m(d).set('funding', { eu: 1 }))).toContain('invalid fiche field');
    expect(verdict((d) => m(d).set('partners', [{ organizationId: 'org1', role: 'lider', costGrosze: 5, extra: 1 }]))).toContain('invalid fiche field');
    expect(verdict((d) => m(d).set('status', 'accepted'))).toContain('invalid fiche field "status"');
    expect(verdict((d) => m(d).set('title', ' nie znormalizowany '))).toContain('invalid fiche field');
    expect(verdict((d) => m(d).delete('totalCostGrosze'))).toContain('removed');
    expect(verdict((d) => m(d).set('funding', new Y.Map()))).toContain('shared type');
  });

  it('refuses a leader or partner that is not an organisation of the partnership', () => {
    const m = (d: Y.Doc) => d.getMap(FICHE_MAP);
    expect(verdict((d) => m(d).set('leaderId', 'org2'))).toBeNull();
    expect(verdict((d) => m(d).set('leaderId', null))).toBeNull();
    expect(verdict((d) => m(d).set('leaderId', 'elsewhere'))).toContain('outside the partnership');
    expect(verdict((d) => m(d).set('partners', [
      { organizationId: 'org1', role: 'lider', costGrosze: 5 }, { organizationId: 'elsewhere', role: 'partner', costGrosze: 5 },
    ]))).toContain('fiche field "partners" names an organisation outside the partnership');
  });
});
