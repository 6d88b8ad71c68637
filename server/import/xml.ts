/**
 * XML parts of a DOCX, parsed with fast-xml-parser with no entity processing at all: a part
 * with a DOCTYPE or an entity declaration is refused (Word never writes one; it is how XML
 * bombs and external entities arrive), and only the five predefined entities and character
 * references are decoded, by hand, in text and attribute values. The nesting depth is measured
 * by a linear scan before parsing, so a deeply nested part never reaches the parser.
 */
import { XMLParser } from 'fast-xml-parser';
import { IMPORT_LIMITS, type ImportLimits } from './limits.ts';
import { ImportRefused } from './refusal.ts';

export interface XNode {
  /** Qualified element name (`w:p`), or `#text`. */
  name: string;
  attrs: Record<string, string>;
  children: XNode[];
  /** For `#text` nodes. */
  text?: string;
}

const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|amp|lt|gt|quot|apos);/g, (_, e: string) => {
    if (e[0] !== '#') return PREDEFINED[e];
    const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : '';
  });
}

/** Deepest element nesting of `xml`, stopping as soon as `max` is passed. */
export function xmlDepth(xml: string, max: number): number {
  let depth = 0;
  let deepest = 0;
  const n = xml.length;
  let i = xml.indexOf('<');
  while (i >= 0 && i < n) {
    const c = xml.charCodeAt(i + 1);
    if (c === 0x2f /* / */) depth--;
    else if (c !== 0x3f /* ? */ && c !== 0x21 /* ! */) {
      // Find the tag's end, skipping quoted attribute values.
      let j = i + 1;
      let quote = 0;
      for (; j < n; j++) {
        const d = xml.charCodeAt(j);
        if (quote) {
          if (d === quote) quote = 0;
        } else if (d === 0x22 || d === 0x27) quote = d;
        else if (d === 0x3e /* > */) break;
      }
      if (xml.charCodeAt(j - 1) !== 0x2f) {
        depth++;
        if (depth > deepest) deepest = depth;
        if (deepest > max) return deepest;
      }
      i = j;
    }
    i = xml.indexOf('<', i + 1);
  }
  return deepest;
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  processEntities: false,
  htmlEntities: false,
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

type Ordered = Record<string, unknown> & { ':@'?: Record<string, string> };

function convert(list: Ordered[]): XNode[] {
  const out: XNode[] = [];
  for (const entry of list) {
    for (const key of Object.keys(entry)) {
      if (key === ':@') continue;
      if (key === '#text') {
        out.push({ name: '#text', attrs: {}, children: [], text: decodeEntities(String(entry[key])) });
        continue;
      }
      const attrs: Record<string, string> = {};
      for (const [k, v] of Object.entries(entry[':@'] ?? {})) attrs[k] = decodeEntities(String(v));
      out.push({ name: key, attrs, children: convert((entry[key] as Ordered[]) ?? []) });
    }
  }
  return out;
}

/** Parses one part; returns its root element. */
export function parseXml(bytes: Uint8Array, part: string, limits: Readonly<ImportLimits> = IMPORT_LIMITS): XNode {
  const xml = new TextDecoder('utf-8').decode(bytes);
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) {
    throw new ImportRefused('import_xml_forbidden', `The part ${part} declares a DOCTYPE or entities, which Word documents never do.`, { part });
  }
  if (xmlDepth(xml, limits.maxXmlDepth) > limits.maxXmlDepth) {
    throw new ImportRefused('import_xml_too_deep', `The part ${part} nests elements deeper than ${limits.maxXmlDepth}.`, { part, maxDepth: limits.maxXmlDepth });
  }
  let parsed: Ordered[];
  try {
    parsed = parser.parse(xml) as Ordered[];
  } catch {
    throw new ImportRefused('import_unreadable', `The part ${part} is not well-formed XML.`, { part });
  }
  const root = convert(parsed).find((n) => n.name !== '#text');
  if (!root) throw new ImportRefused('import_unreadable', `The part ${part} is empty.`, { part });
  return root;
}

/** Local name without the prefix: `w:p` → `p`. */
export const local = (name: string) => name.slice(name.indexOf(':') + 1);
export const child = (n: XNode | undefined, name: string) => n?.children.find((c) => c.name === name);
export const childrenNamed = (n: XNode | undefined, name: string) => n?.children.filter((c) => c.name === name) ?? [];
/** Attribute by qualified name, or by local name under any prefix. */
export function attr(n: XNode | undefined, name: string): string | undefined {
  if (!n) return undefined;
  if (name in n.attrs) return n.attrs[name];
  const l = local(name);
  for (const [k, v] of Object.entries(n.attrs)) if (local(k) === l) return v;
  return undefined;
}
/** Every descendant element named `name`. */
export function descendants(n: XNode, name: string, out: XNode[] = []): XNode[] {
  for (const c of n.children) {
    if (c.name === name) out.push(c);
    descendants(c, name, out);
  }
  return out;
}
/** Concatenated text of every `w:t` (and `w:delText`) below `n`. */
export function plainText(n: XNode): string {
  if (n.name === 'w:t' || n.name === 'w:delText') return n.children.map((c) => c.text ?? '').join('');
  if (n.name === 'w:tab') return '\t';
  if (n.name === 'w:p') return n.children.map(plainText).join('') + '\n';
  return n.children.map(plainText).join('');
}
