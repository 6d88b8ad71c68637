/** The public draft: top-level blocks numbered, empty ones skipped, headings under the page's h2, figures as text, text escaped. */
import { describe, expect, it } from 'vitest';
import { paragraphsOf } from '../../../server/consultation/draft.ts';
import { publicSubmitter, publicText } from '../../../server/consultation/anonymise.ts';

describe('paragraphsOf', () => {
  it('numbers the non-empty blocks, shifts headings, shows figures by caption and description, escapes text', () => {
    const out = paragraphsOf({
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: 'Diagnoza' }] },
        { type: 'paragraph' },
        { type: 'paragraph', content: [{ type: 'text', text: '<script>x</script>' }] },
        { type: 'figure', attrs: { fileId: 'a'.repeat(64), caption: 'Mapa 1', alt: 'Jeziora & lasy', width: 10, height: 10 } },
      ],
    });
    expect(out).toEqual([
      { n: 1, html: '<h3>Diagnoza</h3>' },
      { n: 2, html: '<p>&lt;script&gt;x&lt;/script&gt;</p>' },
      { n: 3, html: '<p class="figure-text"><em>Mapa 1</em> (opis: Jeziora &amp; lasy)</p>' },
    ]);
  });
});

describe('anonymisation', () => {
  it('names organisations but never a private person, and removes e-mail addresses from text', () => {
    expect(publicSubmitter({ category: 'ngo', submitter_organisation: 'Fundacja Pojezierze' })).toBe('organizacja pozarządowa: Fundacja Pojezierze');
    expect(publicSubmitter({ category: 'resident', submitter_organisation: 'Jan Kowalski' })).toBe('mieszkaniec / mieszkanka');
    expect(publicSubmitter({ category: 'other', submitter_organisation: 'Anna Nowak' })).toBe('inny podmiot lub osoba');
    expect(publicText('Pisz: jan.kowalski+x@poczta.example.pl, dzięki')).toBe('Pisz: [adres e-mail usunięty], dzięki');
  });
});
