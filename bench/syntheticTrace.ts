/**
 * A seeded, deterministic editing trace made inside the repository, so that every benchmark
 * scenario runs on a fresh clone: one person writes ~105k characters of Polish strategy prose
 * one keystroke at a time, correcting with backspace runs and now and then going back to revise
 * an earlier place. Its size follows the published automerge-paper trace (259,778 single-
 * character edits ending in 104,852 characters), which stays available as an optional extra
 * (see trace.ts); with the default seed this one makes 258,973 edits ending in 105,671
 * characters in 223 paragraphs.
 */
import { mulberry32 } from '../tests/helpers/random.ts';

/** [position, characters deleted, text inserted], as in the published editing traces. */
export type Patch = [number, number, string];

export interface SyntheticTrace {
  txns: { patches: Patch[] }[];
  inserts: number;
  deletes: number;
}

export const SYNTHETIC_SEED = 20261206;
const TARGET_INSERTS = 182_315;
const TARGET_DELETES = 77_463;

export const VOCABULARY = (
  'strategia rozwoju ponadlokalnego partnerstwo gmina powiat mieszkańcy cel strategiczny kierunek działań ' +
  'wskaźnik rezultatu obszar strategicznej interwencji funkcjonalno-przestrzenny model diagnoza wnioski ' +
  'transport publiczny edukacja zdrowie seniorów młodzież przedsiębiorczość turystyka jezioro las ' +
  'rewitalizacja centrum miasta infrastruktura wodno-kanalizacyjna odnawialne źródła energii ciepło ' +
  'współpraca samorządów finansowanie fundusze europejskie budżet wkład własny realizacja monitoring ' +
  'ewaluacja konsultacje społeczne rada partnerstwa uchwała projekt kluczowy ścieżka rowerowa żłobek ' +
  'szkoła biblioteka dom kultury środowisko przyrodnicze jakość życia dostępność usług zatrudnienie'
).split(' ');

/** Yields prose as tokens (a word and what follows it), with a blank line between paragraphs. */
function* prose(rnd: () => number): Generator<string> {
  let words = 0;
  for (;;) {
    const word = VOCABULARY[Math.floor(rnd() * VOCABULARY.length)]!;
    const first = words === 0 ? word[0]!.toUpperCase() + word.slice(1) : word;
    words++;
    const r = rnd();
    if (words > 30 && r < 0.05) { yield `${first}.\n\n`; words = 0; }
    else if (r < 0.08) yield `${first}. `;
    else if (r < 0.14) yield `${first}, `;
    else yield `${first} `;
  }
}

/** Of the deletions, how many characters are typos removed at once; the rest are whole words. */
const TYPO_SHARE = 0.8;
const TYPO_LETTERS = 'qwertyuiopasdfghjklzxcvbnmąęóśłżźćń';

/**
 * The trace for `seed`, one transaction per keystroke like a person typing: words typed at the
 * cursor, typos typed and backspaced at once, whole earlier words backspaced, and a jump to a
 * random earlier word boundary about once in forty words. The text stays readable prose. Same
 * seed, same trace, on every machine.
 */
export function syntheticTrace(seed = SYNTHETIC_SEED): SyntheticTrace {
  const rnd = mulberry32(seed);
  const tokens = prose(rnd);
  const doc: string[] = []; // the text as tokens, so that jumps land on word boundaries
  const txns: { patches: Patch[] }[] = [];
  let at = 0; // token index of the cursor
  let cursor = 0; // character position of the cursor
  let inserts = 0;
  let typos = 0;
  let wordDeletes = 0;
  const type = (ch: string) => { txns.push({ patches: [[cursor++, 0, ch]] }); inserts++; };
  const backspace = () => { txns.push({ patches: [[--cursor, 1, '']] }); };
  while (inserts < TARGET_INSERTS) {
    if (doc.length > 50 && rnd() < 0.025) {
      at = Math.floor(rnd() * (doc.length + 1));
      cursor = 0;
      for (let i = 0; i < at; i++) cursor += doc[i]!.length;
    }
    const progress = inserts / TARGET_INSERTS;
    if (progress * TARGET_DELETES * TYPO_SHARE > typos && rnd() < 0.9) {
      const k = 1 + Math.floor(rnd() * 10);
      for (let i = 0; i < k; i++) type(TYPO_LETTERS[Math.floor(rnd() * TYPO_LETTERS.length)]!);
      for (let i = 0; i < k; i++) backspace();
      typos += k;
    }
    if (progress * TARGET_DELETES * (1 - TYPO_SHARE) > wordDeletes && at > 0 && rnd() < 0.8) {
      const [word] = doc.splice(--at, 1);
      for (let i = 0; i < word!.length; i++) backspace();
      wordDeletes += word!.length;
    }
    const token = tokens.next().value as string;
    for (const ch of token) type(ch);
    doc.splice(at++, 0, token);
  }
  return { txns, inserts, deletes: typos + wordDeletes };
}
