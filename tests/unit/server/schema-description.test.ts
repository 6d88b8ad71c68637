/**
 * The one description of the editor schema (server/render/schema.ts) against the editor's
 * real schema, and every writer against the description: a node or mark the editor has but
 * a writer cannot render fails here.
 */
import { getSchema } from '@tiptap/core';
import { describe, expect, it } from 'vitest';
import type { ProseMirrorJson } from '../../../shared/apiTypes.ts';
import { createEditorExtensions } from '../../../shared/editor/extensions.ts';
import { DOCX_ELEMENTS } from '../../../server/export/docxBody.ts';
import { MARKDOWN_ELEMENTS, writeMarkdown } from '../../../server/export/markdown.ts';
import { PDF_ELEMENTS } from '../../../server/export/pdf.ts';
import { HTML_ELEMENTS, HTML_STYLE_TAGS, renderHtml } from '../../../server/render/html.ts';
import { ELEMENTS, FIGURE_NODE, MARKS, NODES, STYLES } from '../../../server/render/schema.ts';
import { readTree } from '../../../server/render/tree.ts';
import { exportDocument } from '../../helpers/exportFixture.ts';

const schema = getSchema(createEditorExtensions());
/** The editor's node types; `figure` comes with the figure feature (its node joins the editor schema there). */
const editorNodes = [...new Set([...Object.keys(schema.nodes), FIGURE_NODE])];
const editorMarks = Object.keys(schema.marks);

const WRITERS: Record<string, Record<string, unknown>> = {
  html: HTML_ELEMENTS,
  markdown: MARKDOWN_ELEMENTS,
  docx: DOCX_ELEMENTS,
  pdf: PDF_ELEMENTS,
};

describe('the schema description', () => {
  it('describes every node and mark of the editor, and nothing else', () => {
    expect(Object.keys(NODES).sort()).toEqual([...editorNodes].sort());
    expect(Object.keys(MARKS).sort()).toEqual([...editorMarks].sort());
  });

  it('has a rendering of every element in every writer', () => {
    const described = new Set(Object.values(NODES).flatMap((d) => (d.role === 'element' ? [d.element] : [])));
    expect([...described].sort()).toEqual([...ELEMENTS].sort());
    for (const [writer, table] of Object.entries(WRITERS)) {
      for (const element of ELEMENTS) expect(typeof table[element], `${writer} renders ${element}`).toBe('function');
    }
    for (const style of STYLES) if (style !== 'link') expect(HTML_STYLE_TAGS[style]).toBeTruthy();
  });

  it('renders the text of a node of every editor type and a mark of every editor type in HTML and Markdown', () => {
    const words: string[] = [];
    const text = (w: string, marks: ProseMirrorJson['marks'] = []): ProseMirrorJson => (words.push(w), { type: 'text', text: w, marks });
    const p = (...c: ProseMirrorJson[]): ProseMirrorJson => ({ type: 'paragraph', content: c });
    // One node of each type the editor has (figures carry their caption).
    const byType: Record<string, ProseMirrorJson> = {
      paragraph: p(text('akapit')),
      heading: { type: 'heading', attrs: { level: 2 }, content: [text('naglowek')] },
      blockquote: { type: 'blockquote', content: [p(text('cytat'))] },
      bulletList: { type: 'bulletList', content: [{ type: 'listItem', content: [p(text('punktor'))] }] },
      orderedList: { type: 'orderedList', content: [{ type: 'listItem', content: [p(text('numer'))] }] },
      table: {
        type: 'table',
        content: [
          { type: 'tableRow', content: [{ type: 'tableHeader', content: [p(text('naglowekkomorki'))] }] },
          { type: 'tableRow', content: [{ type: 'tableCell', content: [p(text('komorka'))] }] },
        ],
      },
      hardBreak: p(text('przed'), { type: 'hardBreak' }, text('po')),
      figure: { type: 'figure', attrs: { fileId: 'd'.repeat(64), alt: 'opis', caption: 'podpis', width: 10, height: 10 } },
    };
    words.push('podpis');
    const marks = editorMarks.map((m) => p(text(`oznaczony${m}`, [{ type: m, attrs: m === 'link' ? { href: 'https://a.pl' } : m === 'comment' ? { threadId: 't' } : {} }])));
    const doc: ProseMirrorJson = { type: 'doc', content: [...Object.values(byType), ...marks] };
    const covered = new Set<string>(['doc', 'text']);
    const visit = (n: ProseMirrorJson) => (covered.add(n.type), n.content?.forEach(visit));
    visit(doc);
    expect([...covered].sort()).toEqual([...editorNodes].sort());
    const html = renderHtml(doc, { suggestions: 'marked' });
    const md = writeMarkdown(exportDocument({ chapters: [{ id: 'c', title: 'R', json: doc, version: null }] }));
    for (const w of words) {
      expect(html, `HTML has ${w}`).toContain(w);
      // Markdown is the clean text: a pending suggested insertion reads as not accepted.
      if (w === 'oznaczonysuggestionInsert') expect(md).not.toContain(w);
      else expect(md, `Markdown has ${w}`).toContain(w);
    }
    // Nothing fell back to an unknown node (a group without markup of its own).
    const groups = JSON.stringify(readTree(doc, 'marked')).match(/"kind":"group"/g);
    expect(groups).toBeNull();
  });
});
