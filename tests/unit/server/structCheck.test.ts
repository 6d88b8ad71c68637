/**
 * The server's pre-apply check of incoming updates (server/collab/structCheck.ts): whatever an
 * honest client sends passes; an update that builds on content nobody has is refused before
 * it touches the document.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { checkUpdate, inconsistentItem } from '../../../server/collab/structCheck.ts';
import { Limits } from '../../../shared/limits.ts';
import { mulberry32, randomEdit } from '../../helpers/random.ts';

/** The fault checkUpdate finds, as "kind: reason", or null. */
function fault(doc: Y.Doc, update: Uint8Array): string | null {
  const { fault } = checkUpdate(doc, update);
  return fault ? `${fault.kind}: ${fault.reason}` : null;
}

/** Two peers synced through `server`, collecting every update each produces. */
function peers() {
  const server = new Y.Doc();
  const a = new Y.Doc();
  const b = new Y.Doc();
  const sent: Uint8Array[] = [];
  for (const d of [a, b]) {
    d.on('update', (u: Uint8Array, origin: unknown) => {
      if (origin === 'server') return;
      expect(fault(server, u)).toBeNull();
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
    expect(fault(server, step2)).toBeNull();
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
    expect(fault(server, Y.mergeUpdates(updates))).toBeNull();
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
    expect(fault(server, updates[1])).toMatch(/^incomplete: .*gap/);
    expect(fault(server, updates[0])).toBeNull();
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
    expect(fault(server, onlyB)).toMatch(/^incomplete: .*missing item/);
    Y.applyUpdate(server, Y.encodeStateAsUpdate(a));
    expect(fault(server, onlyB)).toBeNull();
  });

  it('refuses deleting content the server does not hold', () => {
    const a = new Y.Doc();
    a.getXmlFragment('default').insert(0, [new Y.XmlText('do usunięcia')]);
    const server = new Y.Doc();
    const ds = new Y.Doc();
    Y.applyUpdate(ds, Y.encodeStateAsUpdate(a));
    const sv = Y.encodeStateVector(ds);
    ds.getXmlFragment('default').delete(0, 1);
    expect(fault(server, Y.encodeStateAsUpdate(ds, sv))).toMatch(/^incomplete: deletes unknown/);
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
    expect(fault(server, Uint8Array.from(bytes))).toMatch(/^malformed: .*not a type/);
  });

  it('refuses bytes that do not decode', () => {
    expect(fault(new Y.Doc(), Uint8Array.from([1, 5, 200]))).toBe('undecodable: undecodable');
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

/** Reproducers captured by the fuzzer (tier B, seed 9001): bit-flipped updates of a fresh editor. */
const RIGHT_ORIGIN_LEFT_OF_ORIGIN =
  '0107a380b18e080007010764656661756c7403097061726167726170680700a380b18e0800060400a380b18e08010a706172746e657273747784a380b18e080b016fc4a380b18e080ba380b18e080804706f7769c4a380b18e0810a380b18e080c027174c4a380b18e0810a380b18e081105676d694e6100';
const EMPTY_STRUCT_THEN_SELF_REFERENCE =
  '01048efba198050007010764656661756c74030930617261677261706807008efba19805000601008efba198050100848efba198050206706f77696174018efba19805010201';

const NEIGHBOURS_IN_TWO_LISTS =
  '010696bff594040007010764656661756c540309706176616772617068070096bff594040006010096bff5940401018496bff594040201728496bff5940403066f7a77c3b36ac496bff594040396bff594040006706f776961740196bff59404010201';
const RIGHT_ORIGIN_BEFORE_ORIGIN_CHAIN =
  '0107a6fa95e20d0007010764656661756c7403097061726167726170680700a6fa95e20d00060400a6fa95e20d010420726f7a84a6fa95e20d05017781a6fa95e20d060184a6fa95e20d07016ac4a6fa95e20d07a6fa95e20d0602c58201a6fa95e20d010701';

describe('fuzzer reproducers', () => {
  it('refuses an empty struct and an item whose origin is itself, before applying', () => {
    expect(fault(new Y.Doc(), Buffer.from(EMPTY_STRUCT_THEN_SELF_REFERENCE, 'hex'))).toMatch(/^malformed: .*is empty/);
  });

  it('refuses an item whose right origin lies left of its origin before applying, and the post-apply check finds it too', () => {
    // Live text and a fresh load differed once Yjs had integrated it.
    const update = Buffer.from(RIGHT_ORIGIN_LEFT_OF_ORIGIN, 'hex');
    expect(fault(new Y.Doc(), update)).toMatch(/^malformed: .*right origin left of its origin/);
    const doc = new Y.Doc();
    let found: string | null = null;
    doc.on('afterTransaction', (tr: Y.Transaction) => (found = inconsistentItem(tr)));
    Y.applyUpdate(doc, update);
    expect(found).toMatch(/not left of its right origin|not right of its origin/);
  });

  it('refuses, before applying, the bit-flipped updates that used to be refused only after (a reload each)', () => {
    // An item whose origin is in a paragraph's text and whose right origin is the paragraph.
    expect(fault(new Y.Doc(), Buffer.from(NEIGHBOURS_IN_TWO_LISTS, 'hex'))).toMatch(/^malformed: .*neighbours in two lists/);
    // An item after 7 whose right origin is 6, which 7 follows.
    expect(fault(new Y.Doc(), Buffer.from(RIGHT_ORIGIN_BEFORE_ORIGIN_CHAIN, 'hex'))).toMatch(/^malformed: .*right origin left of its origin/);
  });

  it('passes every item of honest concurrent typing once applied', () => {
    const rnd = mulberry32(4245);
    const { server } = peers();
    const problems: string[] = [];
    server.on('afterTransaction', (tr: Y.Transaction) => {
      const p = inconsistentItem(tr);
      if (p) problems.push(p);
    });
    const a = new Y.Doc();
    const b = new Y.Doc();
    for (let round = 0; round < 40; round++) {
      // Both type offline for a while, then exchange everything through the server.
      for (let i = 0; i < 10; i++) randomEdit(a, rnd), randomEdit(b, rnd);
      for (const d of [a, b]) Y.applyUpdate(server, Y.encodeStateAsUpdate(d, Y.encodeStateVector(server)));
      for (const d of [a, b]) Y.applyUpdate(d, Y.encodeStateAsUpdate(server, Y.encodeStateVector(d)));
    }
    expect(problems).toEqual([]);
  });

  it('refuses an item whose origin is itself, and a client whose clocks repeat', () => {
    // V1: 1 client, 1 struct, client 777, clock 0; info 0x84 = origin follows, string content;
    // origin 777:0 (the item itself); "x"; empty delete set.
    const selfOrigin = Uint8Array.from([1, 1, ...varUint(777), 0, 0x84, ...varUint(777), 0, 1, 0x78, 0]);
    expect(fault(new Y.Doc(), selfOrigin)).toMatch(/^malformed: .*follows itself/);
    // The same client twice, both sections starting at clock 0.
    const one = [1, ...varUint(777), 0, 4, 1, 1, 0x61, 1, 0x78]; // root type "a", string "x"
    const repeated = Uint8Array.from([2, ...one, ...one, 0]);
    expect(fault(new Y.Doc(), repeated)).toMatch(/^malformed: .*follow on/);
  });
});

/** A random edit that also formats text and sets attributes (map entries inside lists). */
function richEdit(doc: Y.Doc, rnd: () => number): void {
  const paragraphs = doc.getXmlFragment('default').toArray().filter((n): n is Y.XmlElement => n instanceof Y.XmlElement);
  const r = rnd();
  if (paragraphs.length > 0 && r < 0.2) {
    const p = paragraphs[Math.floor(rnd() * paragraphs.length)];
    const text = p.get(0);
    if (rnd() < 0.5 || !(text instanceof Y.XmlText) || text.length === 0) p.setAttribute('textAlign', rnd() < 0.5 ? 'left' : 'center');
    else {
      const at = Math.floor(rnd() * text.length);
      text.format(at, Math.min(text.length - at, 1 + Math.floor(rnd() * 5)), { bold: rnd() < 0.7 ? true : null });
    }
    return;
  }
  randomEdit(doc, rnd);
}

describe('placement of new items (checked before applying)', () => {
  it('passes every update of four people typing offline in bursts and syncing through the server (seeded)', () => {
    const rnd = mulberry32(4246);
    const server = new Y.Doc();
    const people = Array.from({ length: 4 }, () => new Y.Doc());
    const faults: string[] = [];
    for (let round = 0; round < 60; round++) {
      for (const d of people) {
        const n = Math.floor(rnd() * 12);
        for (let i = 0; i < n; i++) richEdit(d, rnd);
      }
      // In a random order, each sends what the server lacks and takes what it lacks.
      for (const d of [...people].sort(() => rnd() - 0.5)) {
        const step2 = Y.encodeStateAsUpdate(d, Y.encodeStateVector(server));
        const f = fault(server, step2);
        if (f) faults.push(f);
        Y.applyUpdate(server, step2);
        if (rnd() < 0.7) Y.applyUpdate(d, Y.encodeStateAsUpdate(server, Y.encodeStateVector(d)));
      }
    }
    expect(faults).toEqual([]);
    expect(server.store.pendingStructs).toBeNull();
  });

  it(`refuses the ${Limits.maxConcurrentInsertions + 1}th item of distinct clients at one place; other places stay open`, () => {
    const server = new Y.Doc();
    const first = new Y.Doc();
    appendParagraphTo(first, 'pierwszy');
    Y.applyUpdate(server, Y.encodeStateAsUpdate(first));
    // Each fresh client inserts a paragraph into what it believes is an empty chapter.
    for (let i = 1; i < Limits.maxConcurrentInsertions; i++) {
      const d = new Y.Doc();
      appendParagraphTo(d, `akapit ${i}`);
      const u = Y.encodeStateAsUpdate(d);
      expect(fault(server, u)).toBeNull();
      Y.applyUpdate(server, u);
    }
    const one = new Y.Doc();
    appendParagraphTo(one, 'jeden za dużo');
    expect(fault(server, Y.encodeStateAsUpdate(one))).toMatch(/^malformed: .*too many insertions at one place/);
    // Someone who has the chapter inserts at its start: a place of its own.
    const synced = new Y.Doc();
    Y.applyUpdate(synced, Y.encodeStateAsUpdate(server));
    const sv = Y.encodeStateVector(synced);
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText('na początku')]);
    synced.getXmlFragment('default').insert(0, [p]);
    expect(fault(server, Y.encodeStateAsUpdate(synced, sv))).toBeNull();
  });

  it('counts values of one attribute set by distinct clients that never saw each other the same way', () => {
    const server = new Y.Doc();
    const base = new Y.Doc();
    appendParagraphTo(base, 'akapit');
    Y.applyUpdate(server, Y.encodeStateAsUpdate(base));
    const setAlign = (d: Y.Doc) => {
      const sv = Y.encodeStateVector(d);
      (d.getXmlFragment('default').get(0) as Y.XmlElement).setAttribute('textAlign', 'center');
      return Y.encodeStateAsUpdate(d, sv);
    };
    const fresh = () => {
      const d = new Y.Doc();
      Y.applyUpdate(d, Y.encodeStateAsUpdate(base));
      return d;
    };
    for (let i = 0; i < Limits.maxConcurrentInsertions; i++) {
      const u = setAlign(fresh());
      expect(fault(server, u)).toBeNull();
      Y.applyUpdate(server, u);
    }
    expect(fault(server, setAlign(fresh()))).toMatch(/^malformed: .*too many insertions at one place/);
    // Someone who sees the current value replaces it: a place of its own.
    const synced = new Y.Doc();
    Y.applyUpdate(synced, Y.encodeStateAsUpdate(server));
    expect(fault(server, setAlign(synced))).toBeNull();
  });

  it('refuses two items that take their places from each other (Yjs would keep them pending)', () => {
    // V1: 2 clients; client 777 clock 0: string "x" after 888:0; client 888 clock 0: "y" after 777:0.
    const a = [1, ...varUint(777), 0, 0x84, ...varUint(888), 0, 1, 0x78];
    const b = [1, ...varUint(888), 0, 0x84, ...varUint(777), 0, 1, 0x79];
    expect(fault(new Y.Doc(), Uint8Array.from([2, ...a, ...b, 0]))).toMatch(/^malformed: .*cycle/);
  });
});

function appendParagraphTo(doc: Y.Doc, text: string): void {
  const p = new Y.XmlElement('paragraph');
  p.insert(0, [new Y.XmlText(text)]);
  const frag = doc.getXmlFragment('default');
  frag.insert(frag.length, [p]);
}
