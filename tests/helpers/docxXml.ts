/**
 * Reads a DOCX's WordprocessingML (word/document.xml, word/comments.xml) for the export tests:
 * paragraphs with their style, and their text as Word shows it after "Accept all" or "Reject
 * all" of tracked changes — inserted runs (w:ins) kept or dropped, deleted runs (w:del, their
 * w:delText) dropped or kept, and a paragraph whose mark is deleted (accept) or inserted
 * (reject) joined with the next one, as Word joins them.
 */
import { execFileSync } from 'node:child_process';

export interface DocxParagraph {
  style: string | null;
  /** Text with nothing decided (both insertions and deletions shown). */
  all: string;
  accepted: string;
  rejected: string;
  markInserted: boolean;
  markDeleted: boolean;
}

export interface DocxContent {
  documentXml: string;
  commentsXml: string;
  paragraphs: DocxParagraph[];
}

const ENTITIES: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&amp;': '&', '&quot;': '"', '&apos;': "'" };
const decode = (s: string) => s.replace(/&(lt|gt|amp|quot|apos);/g, (e) => ENTITIES[e]).replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n)));

const TOKENS = /<w:ins\b[^>]*\/>|<w:ins\b[^>]*>|<\/w:ins>|<w:del\b[^>]*\/>|<w:del\b[^>]*>|<\/w:del>|<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:delText(?:\s[^>]*)?>([^<]*)<\/w:delText>|<w:br\b[^>]*\/>|<w:tab\/>/g;

function paragraph(xml: string): DocxParagraph {
  const pPr = /<w:pPr>([\s\S]*?)<\/w:pPr>/.exec(xml)?.[1] ?? '';
  const markRpr = /<w:rPr>([\s\S]*?)<\/w:rPr>/.exec(pPr)?.[1] ?? '';
  const body = xml.replace(/<w:pPr>[\s\S]*?<\/w:pPr>/, '');
  let ins = 0;
  let del = 0;
  let all = '';
  let accepted = '';
  let rejected = '';
  for (const m of body.matchAll(TOKENS)) {
    const tok = m[0];
    if (tok.endsWith('/>') && (tok.startsWith('<w:ins') || tok.startsWith('<w:del'))) continue;
    if (tok.startsWith('<w:ins')) ins++;
    else if (tok === '</w:ins>') ins--;
    else if (tok.startsWith('<w:del ') || tok === '<w:del>') del++;
    else if (tok === '</w:del>') del--;
    else {
      const text = m[1] !== undefined ? decode(m[1]) : m[2] !== undefined ? decode(m[2]) : ' ';
      all += text;
      if (!del) accepted += text;
      if (!ins) rejected += text;
    }
  }
  return {
    style: /<w:pStyle w:val="([^"]*)"/.exec(pPr)?.[1] ?? null,
    all,
    accepted,
    rejected,
    markInserted: /<w:ins\b/.test(markRpr),
    markDeleted: /<w:del\b/.test(markRpr),
  };
}

/** One part of the package, '' when absent (read with unzip). */
function part(file: string, name: string): string {
  try {
    return execFileSync('unzip', ['-p', file, name], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return '';
  }
}

export function readDocx(file: string): DocxContent {
  const documentXml = part(file, 'word/document.xml');
  const commentsXml = part(file, 'word/comments.xml');
  const bodyXml = /<w:body>([\s\S]*)<\/w:body>/.exec(documentXml)?.[1] ?? '';
  const paragraphs = [...bodyXml.matchAll(/<w:p\/>|<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) => paragraph(m[0]));
  return { documentXml, commentsXml, paragraphs };
}

const norm = (s: string) => s.replace(/\s+/g, ' ').trim();

/**
 * Paragraph texts after a decision, joining a paragraph whose mark goes away with the next,
 * empty ones left out.
 */
export function decidedTexts(paragraphs: DocxParagraph[], decision: 'accept' | 'reject'): string[] {
  const out: string[] = [];
  let carry = '';
  for (const p of paragraphs) {
    const text = carry + (decision === 'accept' ? p.accepted : p.rejected);
    const markGone = decision === 'accept' ? p.markDeleted : p.markInserted;
    if (markGone) {
      carry = text;
      continue;
    }
    carry = '';
    if (norm(text)) out.push(norm(text));
  }
  if (norm(carry)) out.push(norm(carry));
  return out;
}

/** Comments of word/comments.xml: author and text. */
export function commentsOf(commentsXml: string): { author: string; text: string }[] {
  return [...commentsXml.matchAll(/<w:comment\b([^>]*)>([\s\S]*?)<\/w:comment>/g)].map((m) => ({
    author: decode(/w:author="([^"]*)"/.exec(m[1])?.[1] ?? ''),
    text: norm([...m[2].matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((t) => decode(t[1])).join('')),
  }));
}
