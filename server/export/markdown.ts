/**
 * The Markdown writer (GitHub-flavoured: tables, strikethrough), for publication in a BIP or
 * a wiki. Always the clean text: pending suggestions read as not accepted, no comments.
 * Figures link to the image on this server (`/api/files/<id>`), with the text alternative and
 * the caption.
 */
import type { ElementKind } from '../render/schema.ts';
import { readTree, type ElementNode, type TextLeaf, type TreeNode } from '../render/tree.ts';
import type { ExportDocument } from './model.ts';
import { polishDate } from './polish.ts';

/** Escapes Markdown's special characters in text. */
export function escapeMarkdown(s: string): string {
  return s.replace(/[\\`*_[\]|<>~]/g, (ch) => `\\${ch}`);
}

/** Escapes what would make a line start a heading, list or quote. */
function escapeLineStart(s: string): string {
  return s.replace(/^(\s*)([#>+-])/, '$1\\$2').replace(/^(\s*\d+)([.)])/, '$1\\$2');
}

const sameStyle = (a: TextLeaf, b: TextLeaf) => a.href === b.href && a.styles.join() === b.styles.join();

/** Inline content: adjacent text with the same styles is joined before it is wrapped. */
function inline(nodes: readonly TreeNode[]): string {
  const out: string[] = [];
  let run: TextLeaf | null = null;
  const flush = () => {
    if (!run || run.text === '') return void (run = null);
    let s = escapeMarkdown(run.text);
    for (const style of [...run.styles].reverse()) {
      if (style === 'link') s = `[${s}](<${run.href!.replace(/[<>]/g, encodeURIComponent)}>)`;
      else s = `${MD_STYLES[style]}${s}${MD_STYLES[style]}`;
    }
    out.push(s);
    run = null;
  };
  const visit = (n: TreeNode) => {
    if (n.kind === 'text') {
      if (run && sameStyle(run, n)) run = { ...run, text: run.text + n.text };
      else {
        flush();
        run = n;
      }
    } else if (n.kind === 'element' && n.element === 'lineBreak') {
      flush();
      out.push('\\\n');
    } else n.children.forEach(visit);
  };
  nodes.forEach(visit);
  flush();
  return out.join('');
}

const MD_STYLES = { strong: '**', emphasis: '*', strike: '~~' } as const;

const indent = (s: string, prefix: string, first = prefix) => s.split('\n').map((l, i) => (i === 0 ? first : l ? prefix : '') + l).join('\n');

/** Cell text on one line (GFM cells cannot hold blocks). */
const cellText = (n: ElementNode) => inline(n.children).replace(/\\\n/g, '<br>').replace(/\n+/g, ' ');

function listItems(n: ElementNode, ordered: boolean): string {
  let number = n.start ?? 1;
  return n.children
    .map((item) => {
      const marker = ordered ? `${number++}. ` : '- ';
      return indent(blocks(item.kind === 'text' ? [item] : item.children), ' '.repeat(marker.length), marker);
    })
    .join('\n');
}

function table(n: ElementNode): string {
  const rows = n.children.filter((r): r is ElementNode => r.kind === 'element').map((r) =>
    r.children.flatMap((c) => (c.kind === 'element' ? [cellText(c), ...Array<string>((c.colspan ?? 1) - 1).fill('')] : [])),
  );
  const width = Math.max(1, ...rows.map((r) => r.length));
  const line = (cells: string[]) => `| ${[...cells, ...Array<string>(width - cells.length).fill('')].join(' | ')} |`;
  const [head = [], ...body] = rows;
  return [line(head), line(Array<string>(width).fill('---')), ...body.map(line)].join('\n');
}

/** Markdown for each element kind (blocks end without a trailing blank line). */
export const MARKDOWN_ELEMENTS: Record<ElementKind, (n: ElementNode) => string> = {
  paragraph: (n) => escapeLineStart(inline(n.children)),
  heading: (n) => `${'#'.repeat(Math.min(n.level + 1, 6))} ${inline(n.children)}`,
  quote: (n) => indent(blocks(n.children), '> '),
  bulletList: (n) => listItems(n, false),
  orderedList: (n) => listItems(n, true),
  listItem: (n) => blocks(n.children),
  table,
  tableRow: (n) => n.children.map((c) => (c.kind === 'element' ? cellText(c) : '')).join(' | '),
  tableCell: (n) => blocks(n.children),
  lineBreak: () => '\\',
  figure: (n) => {
    const f = n.figure!;
    const image = `![${escapeMarkdown(f.alt)}](/api/files/${f.fileId})`;
    return f.caption ? `${image}\n\n*${escapeMarkdown(f.caption)}*` : image;
  },
};

function blocks(nodes: readonly TreeNode[]): string {
  const out: string[] = [];
  let loose: TreeNode[] = [];
  const flushLoose = () => {
    const s = inline(loose);
    if (s) out.push(s);
    loose = [];
  };
  for (const n of nodes) {
    if (n.kind === 'text' || (n.kind === 'element' && n.element === 'lineBreak')) loose.push(n);
    else if (n.kind === 'group') {
      flushLoose();
      const s = blocks(n.children);
      if (s) out.push(s);
    } else {
      flushLoose();
      out.push(MARKDOWN_ELEMENTS[n.element](n));
    }
  }
  flushLoose();
  return out.join('\n\n');
}

/** The document as Markdown (UTF-8 text). */
export function writeMarkdown(doc: ExportDocument): string {
  const head = [
    `# ${escapeMarkdown(doc.strategyTitle)}`,
    escapeMarkdown(doc.partnershipName),
    doc.partners.map((p) => `- ${escapeMarkdown(p.name)}${p.terc ? ` (TERC ${p.terc})` : ''}`).join('\n'),
    `*${escapeMarkdown(doc.label)}; wygenerowano ${polishDate(doc.at)}*`,
    doc.milestone
      ? `Skrót SHA-256 kamienia milowego: \`${doc.milestone.hash}\`  \nWeryfikacja zgodności tekstu i uchwał partnerów: <${doc.milestone.url}>`
      : '',
  ].filter(Boolean);
  const chapters = doc.chapters.map((ch) => {
    const parts = [`## ${escapeMarkdown(ch.title)}`];
    if (ch.version) parts.push(`*${escapeMarkdown(ch.version.label)}; SHA-256: \`${ch.version.sha256}\`*`);
    const body = blocks(readTree(ch.json, 'clean'));
    if (body) parts.push(body);
    return parts.join('\n\n');
  });
  return `${[...head, ...chapters].join('\n\n')}\n`;
}
