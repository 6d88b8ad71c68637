/**
 * "Kompletność strategii" on the demo strategy as it grows: empty, with text, with maps, with an
 * indicator table; chapters chosen by the coordinator; frozen chapters.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { CompletenessDto } from '../../shared/procedure/api.ts';
import { DOCUMENT_FIELD } from '../../shared/protocol.ts';
import { demoUpdate } from '../../server/seed/demoDocument.ts';
import { createTestContext, DEMO, type TestContext } from '../helpers/http.ts';

let t: TestContext;
beforeEach(async () => {
  t = await createTestContext();
});
afterEach(() => t.close());

const path = () => `/api/strategies/${t.demo.walcz.strategyId}/completeness`;
const chapter = (i: number) => t.demo.walcz.chapterIds[i];
async function completeness(who: string = DEMO.viewer): Promise<CompletenessDto> {
  const res = await t.request('GET', path(), { cookie: await t.login(who) });
  expect(res.status).toBe(200);
  return (await res.json()) as CompletenessDto;
}
const element = (dto: CompletenessDto, key: string) => {
  const found = dto.elements.find((e) => e.key === key);
  if (!found) throw new Error(`no element ${key}`);
  return found;
};

/** Stores a change of a chapter's document made by `edit`, as the collaboration server would. */
function editChapter(chapterId: string, edit: (fragment: Y.XmlFragment) => void): void {
  const loaded = t.services.stores.documents.load(chapterId);
  const doc = new Y.Doc();
  if (loaded.state) Y.applyUpdate(doc, loaded.state);
  for (const u of loaded.updates) Y.applyUpdate(doc, u);
  const before = Y.encodeStateVector(doc);
  edit(doc.getXmlFragment(DOCUMENT_FIELD));
  t.services.stores.documents.append([{ chapterId, data: Y.encodeStateAsUpdate(doc, before), userId: t.userId(DEMO.editorTuczno), at: t.clock.now }]);
  doc.destroy();
}
const writeInitial = (index: number) => {
  const blocks = t.initialText.get(chapter(index));
  if (!blocks) throw new Error(`no demo text for chapter ${index}`);
  t.services.stores.documents.append([{ chapterId: chapter(index), data: demoUpdate(blocks), userId: t.userId(DEMO.editorTuczno), at: t.clock.now }]);
};
const paragraph = (text: string) => {
  const p = new Y.XmlElement('paragraph');
  p.insert(0, [new Y.XmlText(text)]);
  return p;
};
const figure = () => {
  const f = new Y.XmlElement('figure');
  f.setAttribute('fileId', 'a'.repeat(64));
  f.setAttribute('alt', 'Mapa obszaru partnerstwa');
  f.setAttribute('caption', 'Mapa 1.');
  f.setAttribute('width', 800 as unknown as string);
  f.setAttribute('height', 600 as unknown as string);
  return f;
};
const table = (headers: string[]) => {
  const tbl = new Y.XmlElement('table');
  const row = (cells: string[], cellType: string) => {
    const r = new Y.XmlElement('tableRow');
    r.insert(0, cells.map((text) => {
      const cell = new Y.XmlElement(cellType);
      cell.insert(0, [paragraph(text)]);
      return cell;
    }));
    return r;
  };
  tbl.insert(0, [row(headers, 'tableHeader'), row(headers.map((_, i) => `w${i}`), 'tableCell')]);
  return tbl;
};
const INDICATOR_HEADERS = ['Nazwa wskaźnika', 'Jednostka miary', 'Wartość bazowa', 'Wartość docelowa', 'Rok bazowy', 'Źródło danych'];

describe('strategy completeness', () => {
  it('maps the ten statutory elements to the template chapters and finds them all empty', async () => {
    const dto = await completeness();
    expect(dto.total).toBe(10);
    expect(dto.completeCount).toBe(0);
    expect(dto.canEdit).toBe(false);
    expect(element(dto, 'strategic_goals').chapter).toEqual({ id: chapter(5), title: 'Cele strategiczne' });
    expect(element(dto, 'osi_voivodeship').chapter?.id).toBe(chapter(10));
    expect(element(dto, 'financial_framework').chapter?.id).toBe(chapter(15));
    expect(dto.elements.every((e) => e.state === 'empty' && !e.complete)).toBe(true);
  });

  it('counts text, checks the three goal dimensions, and needs maps and an indicator table', async () => {
    for (const i of [3, 5, 6]) writeInitial(i);
    let dto = await completeness();
    expect(element(dto, 'diagnosis_conclusions')).toMatchObject({ state: 'writing', complete: true });
    expect(element(dto, 'strategic_goals')).toMatchObject({
      state: 'writing', complete: true, checks: [{ check: 'goal_dimensions', passed: true, missing: [] }],
    });
    expect(element(dto, 'directions').complete).toBe(true);
    expect(dto.completeCount).toBe(3);

    // Text without a map is not enough for the model of the functional and spatial structure.
    editChapter(chapter(8), (f) => f.insert(0, [paragraph('Model obejmuje ośrodki Wałcz, Człopa, Mirosławiec i Tuczno.')]));
    dto = await completeness();
    expect(element(dto, 'functional_model')).toMatchObject({ state: 'writing', complete: false, checks: [{ check: 'figure', passed: false }] });
    editChapter(chapter(8), (f) => f.insert(1, [figure()]));
    dto = await completeness();
    expect(element(dto, 'functional_model')).toMatchObject({ complete: true, checks: [{ check: 'figure', passed: true }] });

    // A table without the base value and source columns is not an indicator table.
    editChapter(chapter(7), (f) => f.insert(0, [paragraph('Rezultaty i wskaźniki:'), table(['Nazwa wskaźnika', 'Jednostka', 'Wartość docelowa', 'Rok'])]));
    dto = await completeness();
    expect(element(dto, 'results_indicators')).toMatchObject({
      complete: false, checks: [{ check: 'indicator_table', passed: false, missing: ['base', 'source'] }],
    });
    editChapter(chapter(7), (f) => f.insert(2, [table(INDICATOR_HEADERS)]));
    dto = await completeness();
    expect(element(dto, 'results_indicators')).toMatchObject({ complete: true, checks: [{ check: 'indicator_table', passed: true, missing: [] }] });
    expect(dto.completeCount).toBe(5);
  });

  it('names the missing goal dimension', async () => {
    editChapter(chapter(5), (f) => f.insert(0, [paragraph('Cel 1: rozwój społeczny. Cel 2: rozwój gospodarczy.')]));
    const dto = await completeness();
    expect(element(dto, 'strategic_goals')).toMatchObject({ complete: false, checks: [{ passed: false, missing: ['spatial'] }] });
  });

  it('shows a frozen chapter as frozen', async () => {
    writeInitial(3);
    t.services.stores.versions.freezeChapter(chapter(3), t.clock.now, t.userId(DEMO.coordinator), 'Uchwała nr 1/2026');
    expect(element(await completeness(), 'diagnosis_conclusions')).toMatchObject({ state: 'frozen', complete: true });
  });

  it('lets the coordinator choose another chapter or none, audited, and refuses foreign chapters', async () => {
    writeInitial(4);
    const cookie = await t.login(DEMO.coordinator);
    const res = await t.request('PUT', path(), { cookie, body: { chapters: { directions: chapter(4), financial_framework: null } } });
    expect(res.status).toBe(200);
    const dto = (await res.json()) as CompletenessDto;
    expect(element(dto, 'directions')).toMatchObject({ chapter: { id: chapter(4) }, chosen: true, state: 'writing', complete: true });
    expect(element(dto, 'financial_framework')).toMatchObject({ chapter: null, chosen: true, state: 'no_chapter', complete: false });
    expect(t.services.stores.audit.list({ action: 'completeness.mapped' })).toHaveLength(1);

    const drawskoChapter = t.services.stores.chapters.chaptersOfStrategy(t.demo.drawsko.strategyId)[0].id;
    const foreign = await t.request('PUT', path(), { cookie, body: { chapters: { directions: drawskoChapter } } });
    expect(foreign.status).toBe(400);
    expect((await t.request('PUT', path(), { cookie, body: { chapters: { no_such_element: null } } })).status).toBe(400);
    expect((await t.request('PUT', path(), { cookie: await t.login(DEMO.editorCzlopa), body: { chapters: { directions: null } } })).status).toBe(403);
  });
});
