import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { ProseMirrorJson } from '../../../shared/apiTypes.ts';
import { renderHtml, escapeHtml } from '../../../server/render/html.ts';
import { documentToJson } from '../../../server/versions/document.ts';
import { DOCUMENT_FIELD } from '../../../shared/protocol.ts';

const text = (t: string, marks?: ProseMirrorJson['marks']): ProseMirrorJson => (marks ? { type: 'text', text: t, marks } : { type: 'text', text: t });
const p = (...content: ProseMirrorJson[]): ProseMirrorJson => ({ type: 'paragraph', content });
const doc = (...content: ProseMirrorJson[]): ProseMirrorJson => ({ type: 'doc', content });
const sugg = { id: 's1', authorId: 'u1', createdAt: '2026-11-26T10:00:00Z' };

describe('renderHtml', () => {
  it('renders the schema’s blocks and marks', () => {
    const html = renderHtml(
      doc(
        { type: 'heading', attrs: { level: 2 }, content: [text('Cele strategiczne')] },
        p(text('Zwykły '), text('gruby', [{ type: 'bold' }]), text(' i '), text('kursywa', [{ type: 'italic' }, { type: 'bold' }])),
        { type: 'bulletList', content: [{ type: 'listItem', content: [p(text('punkt'))] }] },
        { type: 'orderedList', attrs: { start: 3 }, content: [{ type: 'listItem', content: [p(text('trzeci'))] }] },
        { type: 'blockquote', content: [p(text('cytat'), { type: 'hardBreak' }, text('dalej'))] },
        {
          type: 'table',
          content: [
            { type: 'tableRow', content: [{ type: 'tableHeader', attrs: { colspan: 2, rowspan: 1 }, content: [p(text('Gmina'))] }] },
            { type: 'tableRow', content: [{ type: 'tableCell', attrs: { colspan: 1 }, content: [p(text('Tuczno'))] }] },
          ],
        },
      ),
    );
    expect(html).toBe(
      [
        '<h2>Cele strategiczne</h2>',
        '<p>Zwykły <strong>gruby</strong> i <strong><em>kursywa</em></strong></p>',
        '<ul><li><p>punkt</p></li></ul>',
        '<ol start="3"><li><p>trzeci</p></li></ol>',
        '<blockquote><p>cytat<br>dalej</p></blockquote>',
        '<table><tr><th colspan="2"><p>Gmina</p></th></tr><tr><td><p>Tuczno</p></td></tr></table>',
      ].join('\n'),
    );
  });

  it('escapes text and attributes and allows only http(s) and mailto links', () => {
    const html = renderHtml(
      doc(
        p(text('<script>alert("x")</script> & \'')),
        p(
          text('dobry', [{ type: 'link', attrs: { href: 'https://walcz.pl/?a=1&b="2"' } }]),
          text(' zły', [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }]),
          text(' względny', [{ type: 'link', attrs: { href: '/admin' } }]),
          text(' poczta', [{ type: 'link', attrs: { href: 'mailto:gmina@tuczno.pl' } }]),
          text(' dane', [{ type: 'link', attrs: { href: 'data:text/html,<b>x</b>' } }]),
        ),
        { type: 'heading', attrs: { level: '2"><script>' }, content: [text('h')] },
        { type: 'tableCell', attrs: { colspan: '2" onclick="x' }, content: [text('c')] },
      ),
    );
    expect(html).toContain('<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;</p>');
    expect(html).toContain('<a href="https://walcz.pl/?a=1&amp;b=&quot;2&quot;">dobry</a>');
    expect(html).toContain(' zły');
    expect(html).not.toContain('javascript');
    expect(html).not.toContain('href="/admin"');
    expect(html).not.toContain('data:');
    expect(html).toContain('<a href="mailto:gmina@tuczno.pl"> poczta</a>');
    expect(html).toContain('<h2>h</h2>');
    expect(html).toContain('<td>c</td>');
    expect(html).not.toMatch(/<script|onclick/);
  });

  it('drops comment anchors and pending suggested insertions; keeps text suggested for deletion as plain text', () => {
    const json = doc(
      p(
        text('Stary ', [{ type: 'comment', attrs: { threadId: 't1' } }]),
        text('nowy ', [{ type: 'suggestionInsert', attrs: sugg }]),
        text('usuwany', [{ type: 'suggestionDelete', attrs: sugg }]),
      ),
      { type: 'paragraph', attrs: { suggestion: { ...sugg, type: 'insert' } }, content: [text('cały nowy akapit')] },
    );
    expect(renderHtml(json)).toBe('<p>Stary usuwany</p>');
    expect(renderHtml(json, { suggestions: 'marked' })).toBe(
      '<p>Stary <ins>nowy </ins><del>usuwany</del></p>\n<p data-suggestion="insert">cały nowy akapit</p>',
    );
  });

  it('is deterministic whatever the order of marks and attributes', () => {
    const a = renderHtml(doc(p(text('x', [{ type: 'italic' }, { type: 'bold' }, { type: 'strike' }, { type: 'link', attrs: { href: 'https://a.pl' } }]))));
    const b = renderHtml(doc(p(text('x', [{ type: 'link', attrs: { href: 'https://a.pl' } }, { type: 'strike' }, { type: 'bold' }, { type: 'italic' }]))));
    expect(a).toBe(b);
    expect(a).toBe('<p><a href="https://a.pl"><strong><em><s>x</s></em></strong></a></p>');
  });

  it('drops marks and nodes the editor does not have (underline, code, code blocks, rules keep only their text)', () => {
    const html = renderHtml(
      doc(
        p(text('a', [{ type: 'underline' }, { type: 'code' }, { type: 'bold' }])),
        { type: 'codeBlock', content: [text('kod')] },
        { type: 'horizontalRule' },
      ),
    );
    expect(html).toBe('<p><strong>a</strong></p>\nkod');
  });

  it('renders a figure with its text alternative and caption, escaped', () => {
    const fileId = 'ab'.repeat(32);
    const fig = (caption: string, extra: Record<string, unknown> = {}): ProseMirrorJson => ({
      type: 'figure',
      attrs: { fileId, alt: 'Mapa "OSI" <gmin>', caption, width: 800, height: 600, ...extra },
    });
    expect(renderHtml(doc(fig('Mapa 3. Obszary strategicznej interwencji')))).toBe(
      `<figure data-file-id="${fileId}"><img src="/api/files/${fileId}" alt="Mapa &quot;OSI&quot; &lt;gmin&gt;" width="800" height="600">` +
        '<figcaption>Mapa 3. Obszary strategicznej interwencji</figcaption></figure>',
    );
    expect(renderHtml(doc(fig('')))).not.toContain('figcaption');
    expect(renderHtml(doc(fig('x', { fileId: '../../etc/passwd' })))).toBe('');
    const suggested = fig('', { suggestion: { ...sugg, type: 'insert' } });
    expect(renderHtml(doc(suggested))).toBe('');
    expect(renderHtml(doc(suggested), { suggestions: 'marked' })).toMatch(/^<figure data-file-id="[0-9a-f]+" data-suggestion="insert"><img /);
  });

  it('keeps the text of unknown nodes and drops unknown marks', () => {
    expect(renderHtml(doc({ type: 'mapEmbed', content: [p(text('mapa', [{ type: 'sparkle' }]))] }))).toBe('<p>mapa</p>');
  });

  it('renders a Yjs document the way TipTap stores it, comment keys with hashes included', () => {
    const ydoc = new Y.Doc();
    const frag = ydoc.getXmlFragment(DOCUMENT_FIELD);
    const h = new Y.XmlElement('heading');
    h.setAttribute('level', 3 as unknown as string);
    h.insert(0, [new Y.XmlText('Wizja')]);
    const para = new Y.XmlElement('paragraph');
    const t = new Y.XmlText();
    para.insert(0, [t]);
    frag.insert(0, [h, para]);
    t.insert(0, 'Powiat ');
    t.insert(7, 'Wałecki', { bold: {}, 'comment--AbCd1234': { threadId: 't9' } });
    const json = documentToJson(ydoc);
    expect(json.content?.[1].content?.[1].marks).toEqual([{ type: 'bold' }, { type: 'comment', attrs: { threadId: 't9' } }]);
    expect(renderHtml(json)).toBe('<h3>Wizja</h3>\n<p>Powiat <strong>Wałecki</strong></p>');
  });

  it('escapeHtml covers the five special characters', () => {
    expect(escapeHtml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;');
  });
});
