/**
 * Paragraph styles and list numbering of a DOCX: which style is a heading (by name in English
 * or Polish, or by outline level, following `basedOn`), which a quote, and whether a list
 * level is numbered or bulleted.
 */
import { attr, child, childrenNamed, type XNode } from './xml.ts';

interface StyleInfo {
  name: string;
  basedOn?: string;
  outline?: number;
  num?: { numId: string; level: number };
}

export interface DocStyles {
  heading(styleId: string | undefined, outlineLvl: number | undefined): number | null;
  quote(styleId: string | undefined): boolean;
  caption(styleId: string | undefined): boolean;
  styleList(styleId: string | undefined): { numId: string; level: number } | null;
  ordered(numId: string, level: number): boolean;
}

const HEADING_NAME = /^(?:heading|nagłówek|naglowek|überschrift)\s*([1-9])$/i;
const CAPTION_NAME = /^(?:caption|legenda|podpis|figure caption)$/i;
const QUOTE_NAME = /^(?:quote|intense quote|cytat|cytat intensywny|quotations)$/i;

export function readStyles(styles: XNode | undefined, numbering: XNode | undefined): DocStyles {
  const byId = new Map<string, StyleInfo>();
  for (const s of childrenNamed(styles, 'w:style')) {
    if (attr(s, 'w:type') !== 'paragraph') continue;
    const id = attr(s, 'w:styleId');
    if (!id) continue;
    const pPr = child(s, 'w:pPr');
    const outline = attr(child(pPr, 'w:outlineLvl'), 'w:val');
    const numPr = child(pPr, 'w:numPr');
    const numId = attr(child(numPr, 'w:numId'), 'w:val');
    byId.set(id, {
      name: attr(child(s, 'w:name'), 'w:val') ?? id,
      basedOn: attr(child(s, 'w:basedOn'), 'w:val'),
      outline: outline !== undefined ? Number(outline) : undefined,
      num: numId ? { numId, level: Number(attr(child(numPr, 'w:ilvl'), 'w:val') ?? 0) } : undefined,
    });
  }
  const chain = (id: string | undefined): StyleInfo[] => {
    const out: StyleInfo[] = [];
    for (let s = id ? byId.get(id) : undefined; s && out.length < 20; s = s.basedOn ? byId.get(s.basedOn) : undefined) out.push(s);
    return out;
  };

  const abstractOf = new Map<string, string>();
  const overrides = new Map<string, Map<number, string>>();
  for (const n of childrenNamed(numbering, 'w:num')) {
    const id = attr(n, 'w:numId');
    const abs = attr(child(n, 'w:abstractNumId'), 'w:val');
    if (id && abs) abstractOf.set(id, abs);
    for (const o of childrenNamed(n, 'w:lvlOverride')) {
      const fmt = attr(child(child(o, 'w:lvl'), 'w:numFmt'), 'w:val');
      if (id && fmt) {
        if (!overrides.has(id)) overrides.set(id, new Map());
        overrides.get(id)!.set(Number(attr(o, 'w:ilvl') ?? 0), fmt);
      }
    }
  }
  const formats = new Map<string, Map<number, string>>();
  for (const a of childrenNamed(numbering, 'w:abstractNum')) {
    const id = attr(a, 'w:abstractNumId');
    if (!id) continue;
    const levels = new Map<number, string>();
    for (const l of childrenNamed(a, 'w:lvl')) levels.set(Number(attr(l, 'w:ilvl') ?? 0), attr(child(l, 'w:numFmt'), 'w:val') ?? 'decimal');
    formats.set(id, levels);
  }

  return {
    heading(styleId, outlineLvl) {
      for (const s of chain(styleId)) {
        const m = HEADING_NAME.exec(s.name) ?? HEADING_NAME.exec(styleId ?? '');
        if (m) return Number(m[1]);
        if (s.outline !== undefined && s.outline >= 0 && s.outline < 9) return s.outline + 1;
      }
      if (styleId && /^heading([1-9])$/i.test(styleId)) return Number(styleId.slice(-1));
      if (outlineLvl !== undefined && outlineLvl >= 0 && outlineLvl < 9) return outlineLvl + 1;
      return null;
    },
    quote(styleId) {
      return chain(styleId).some((s) => QUOTE_NAME.test(s.name));
    },
    caption(styleId) {
      return chain(styleId).some((s) => CAPTION_NAME.test(s.name)) || /^caption$/i.test(styleId ?? '');
    },
    styleList(styleId) {
      for (const s of chain(styleId)) if (s.num) return s.num;
      return null;
    },
    ordered(numId, level) {
      const fmt = overrides.get(numId)?.get(level) ?? formats.get(abstractOf.get(numId) ?? '')?.get(level) ?? 'decimal';
      return fmt !== 'bullet' && fmt !== 'none';
    },
  };
}
