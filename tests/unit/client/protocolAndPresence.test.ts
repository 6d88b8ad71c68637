// @vitest-environment happy-dom
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { MessageType, PROTOCOL_VERSION } from '../../../shared/protocol.ts';
import { colorForUser, initials, presentPeople, textColorOn, PRESENCE_COLORS } from '../../../client/collab/presence.ts';
import { encodeHello, encodeSaveQuery, readChapterState, readEvent, readSaved } from '../../../client/collab/protocolMessages.ts';
import { matchRoute, paths } from '../../../client/router/routes.ts';
import { movedOrder } from '../../../client/dashboard/useChapterActions.ts';

/** A decoder positioned after the message type, as y-websocket hands it to a handler. */
function afterType(build: (e: encoding.Encoder) => void, type: number): decoding.Decoder {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, type);
  build(e);
  const d = decoding.createDecoder(encoding.toUint8Array(e));
  expect(decoding.readVarUint(d)).toBe(type);
  return d;
}

describe('protocol extension messages', () => {
  it('encodes Hello and SaveQuery as [type, varuint]', () => {
    const hello = decoding.createDecoder(encodeHello());
    expect([decoding.readVarUint(hello), decoding.readVarUint(hello)]).toEqual([MessageType.Hello, PROTOCOL_VERSION]);
    const query = decoding.createDecoder(encodeSaveQuery(300));
    expect([decoding.readVarUint(query), decoding.readVarUint(query)]).toEqual([MessageType.SaveQuery, 300]);
  });

  it('reads Saved, and refuses truncated frames', () => {
    expect(readSaved(afterType((e) => encoding.writeVarUint(e, 42), MessageType.Saved))).toBe(42);
    expect(readSaved(afterType(() => undefined, MessageType.Saved))).toBeNull();
  });

  it('validates ChapterState and Event JSON', () => {
    const state = { frozen: null, suggestLock: false, permissions: { comment: true, suggest: true, edit: false, review: false, manage: false } };
    expect(readChapterState(afterType((e) => encoding.writeVarString(e, JSON.stringify(state)), MessageType.ChapterState))).toEqual(state);
    const frozen = { ...state, frozen: { at: '2026-11-26T13:03:00Z', by: { name: 'Anna Nowak', organization: 'Powiat Wałecki' }, note: 'Uchwała 3/2021' } };
    expect(readChapterState(afterType((e) => encoding.writeVarString(e, JSON.stringify(frozen)), MessageType.ChapterState))?.frozen?.note).toBe('Uchwała 3/2021');
    for (const bad of ['{', '[]', JSON.stringify({ ...state, permissions: { edit: 'yes' } }), JSON.stringify({ ...state, permissions: { comment: true, suggest: true, edit: false } }), JSON.stringify({ ...state, frozen: { at: 1 } })]) {
      expect(readChapterState(afterType((e) => encoding.writeVarString(e, bad), MessageType.ChapterState)), bad).toBeNull();
    }
    expect(readEvent(afterType((e) => encoding.writeVarString(e, '{"type":"comments-changed"}'), MessageType.Event))).toEqual({ type: 'comments-changed' });
    expect(readEvent(afterType((e) => encoding.writeVarString(e, '{"kind":1}'), MessageType.Event))).toBeNull();
  });
});

describe('presence', () => {
  it('lists each person once, me first, with safe colours', () => {
    const doc = new Y.Doc();
    const awareness = new Awareness(doc);
    awareness.setLocalStateField('user', { userId: 'u1', name: 'Marek Zieliński', organization: 'Gmina i Miasto Tuczno', color: '#2d6b2f' });
    const other = new Awareness(new Y.Doc());
    other.setLocalStateField('user', { userId: 'u2', name: 'Agnieszka Kowalczyk', organization: 'Miasto i Gmina Człopa', color: 'red; background:url(x)' });
    awareness.states.set(other.clientID, other.getLocalState()!);
    awareness.states.set(other.clientID + 1, { user: { userId: 'u2', name: 'Agnieszka Kowalczyk', organization: 'Miasto i Gmina Człopa' } });
    const people = presentPeople(awareness);
    expect(people.map((p) => [p.name, p.isMe])).toEqual([['Marek Zieliński', true], ['Agnieszka Kowalczyk', false]]);
    expect(PRESENCE_COLORS).toContain(people[1].color);
  });

  it('derives initials, stable colours and readable label text', () => {
    expect(initials('Anna Maria Nowak')).toBe('AN');
    expect(initials('  łukasz  ')).toBe('Ł');
    expect(colorForUser('abc')).toBe(colorForUser('abc'));
    for (const c of PRESENCE_COLORS) expect(textColorOn(c)).toBe('#ffffff');
    expect(textColorOn('#ffeb3b')).toBe('#000000');
  });
});

describe('routes and chapter order', () => {
  it('round-trips the Polish paths', () => {
    expect(matchRoute(paths.chapter('abc 1'))).toEqual({ name: 'chapter', chapterId: 'abc 1' });
    expect(matchRoute(paths.invitation('t0k'))).toEqual({ name: 'invitation', token: 't0k' });
    expect(matchRoute('/')).toEqual({ name: 'dashboard', partnershipId: null });
    expect(matchRoute('/logowanie')).toEqual({ name: 'login' });
    expect(matchRoute('/rozdzial/%E0%A4%A')).toEqual({ name: 'notFound' });
    expect(matchRoute('/nic/tu/nie/ma')).toEqual({ name: 'notFound' });
  });

  it('moves a chapter one place and refuses to move past the ends', () => {
    expect(movedOrder(['a', 'b', 'c'], 'b', -1)).toEqual(['b', 'a', 'c']);
    expect(movedOrder(['a', 'b', 'c'], 'b', 1)).toEqual(['a', 'c', 'b']);
    expect(movedOrder(['a', 'b', 'c'], 'a', -1)).toBeNull();
    expect(movedOrder(['a', 'b', 'c'], 'c', 1)).toBeNull();
  });
});
