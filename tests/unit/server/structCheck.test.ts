/**
 * The server's pre-apply check of incoming updates (server/collab/structCheck.ts): whatever an
 * honest client sends passes; an update that builds on content nobody has is refused before
 * it touches the document.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { incompleteUpdate } from '../../../server/collab/structCheck.ts';
import { mulberry32, randomEdit } from '../../helpers/random.ts';

/** Two peers synced through `server`, collecting every update each produces. */
function peers() {
  const server = new Y.Doc();
  const a = new Y.Doc();
  const b = new Y.Doc();
  const sent: Uint8Array[] = [];
  for (const d of [a, b]) {
    d.on('update', (u: Uint8Array, origin: unknown) => {
      if (origin === 'server') return;
      expect(incompleteUpdate(server, u)).toBeNull();
      Y.applyUpdate(server, u);
      sent.push(u);
      for (const other of [a, b]) if (other !== d) Y.applyUpdate(other, u, 'server');
    });
  }
  return { server, a, b, sent };
}

describe('incompleteUpdate', () => {
  it('passes every update of honest peers editing concurrently (seeded random edits)', () => {
    const rnd = mulberry32(4242);
    const { server, a, b } = peers();
    for (let i = 0; i < 600; i++) randomEdit(i % 3 ? a : b, rnd);
    expect(server.store.pendingStructs).toBeNull();
    expect(Y.encodeStateVector(server)).toEqual(Y.encodeStateVector(a));
  });

  it('passes the sync step 2 of a client coming back with offline edits, deletions of others’ text included', () => {
    const rnd = mulberry32(4243);
    const { server, a, b } = peers();
    for (let i = 0; i < 100; i++) randomEdit(i % 2 ? a : b, rnd);
    const offline = new Y.Doc();
    Y.applyUpdate(offline, Y.encodeStateAsUpdate(a));
    for (let i = 0; i < 100; i++) randomEdit(offline, rnd);
    for (let i = 0; i < 50; i++) randomEdit(b, rnd); // the others go on meanwhile
    const step2 = Y.encodeStateAsUpdate(offline, Y.encodeStateVector(server));
    expect(incompleteUpdate(server, step2)).toBeNull();
    Y.applyUpdate(server, step2);
    expect(server.store.pendingStructs).toBeNull();
    expect(server.store.pendingDs).toBeNull();
  });

  it('passes several updates merged into one (as an offline client or a relay may send them)', () => {
    const rnd = mulberry32(4244);
    const server = new Y.Doc();
    const a = new Y.Doc();
    const updates: Uint8Array[] = [];
    a.on('update', (u: Uint8Array) => updates.push(u));
    for (let i = 0; i < 80; i++) randomEdit(a, rnd);
    expect(incompleteUpdate(server, Y.mergeUpdates(updates))).toBeNull();
  });

  it('refuses an update that skips clocks (its predecessor never arrived)', () => {
    const { server, a, sent } = peers();
    const lone = new Y.Doc();
    Y.applyUpdate(lone, Y.encodeStateAsUpdate(a));
    const updates: Uint8Array[] = [];
    lone.on('update', (u: Uint8Array) => updates.push(u));
    lone.getXmlFragment('default').insert(0, [new Y.XmlText('pierwszy')]);
    lone.getXmlFragment('default').insert(0, [new Y.XmlText('drugi')]);
    expect(sent.length).toBe(0);
    expect(incompleteUpdate(server, updates[1])).toMatch(/gap/);
    expect(incompleteUpdate(server, updates[0])).toBeNull();
  });

  it('refuses an update whose item follows or precedes content the server does not hold', () => {
    const server = new Y.Doc();
    const a = new Y.Doc();
    a.getXmlFragment('default').insert(0, [new Y.XmlText('cudzy tekst')]);
    const b = new Y.Doc({ gc: false });
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const before = Y.encodeStateVector(b);
    ((b.getXmlFragment('default').get(0)) as Y.XmlText).insert(5, 'XYZ');
    const onlyB = Y.encodeStateAsUpdate(b, before);
    expect(incompleteUpdate(server, onlyB)).toMatch(/missing item/);
    Y.applyUpdate(server, Y.encodeStateAsUpdate(a));
    expect(incompleteUpdate(server, onlyB)).toBeNull();
  });

  it('refuses deleting content the server does not hold', () => {
    const a = new Y.Doc();
    a.getXmlFragment('default').insert(0, [new Y.XmlText('do usunięcia')]);
    const server = new Y.Doc();
    const ds = new Y.Doc();
    Y.applyUpdate(ds, Y.encodeStateAsUpdate(a));
    const sv = Y.encodeStateVector(ds);
    ds.getXmlFragment('default').delete(0, 1);
    expect(incompleteUpdate(server, Y.encodeStateAsUpdate(ds, sv))).toMatch(/deletes unknown/);
  });

  it('refuses an item placed inside text (a parent that is not a type)', () => {
    const server = new Y.Doc();
    const a = new Y.Doc();
    a.getText('t').insert(0, 'abc');
    Y.applyUpdate(server, Y.encodeStateAsUpdate(a));
    const textItemId = a.getText('t')._start!.id;
    // A hand-written update (format V1): one string item of a new client whose parent is a string item.
    const bytes = [1, 1, ...varUint(777), 0, 4, 0, ...varUint(textItemId.client), ...varUint(textItemId.clock), 1, 0x78, 0];
    // structs: 1 client; 1 struct; client 777; clock 0; info 4 (ContentString, parent info follows);
    // parentInfo 0 (an ID follows); the ID; string "x"; empty delete set
    expect(incompleteUpdate(server, Uint8Array.from(bytes))).toMatch(/not a type/);
  });

  it('refuses bytes that do not decode', () => {
    expect(incompleteUpdate(new Y.Doc(), Uint8Array.from([1, 5, 200]))).toBe('undecodable');
  });
});

function varUint(n: number): number[] {
  const out: number[] = [];
  while (n > 0x7f) {
    out.push((n & 0x7f) | 0x80);
    n = Math.floor(n / 128);
  }
  out.push(n);
  return out;
}
