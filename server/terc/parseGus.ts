/**
 * Reads the official TERC file that GUS publishes in the TERYT register (eTERYT, "TERC",
 * variant "urzędowy", CSV: `TERC_Urzedowy_YYYY-MM-DD.csv`). Columns, separated by `;`:
 *
 *   WOJ;POW;GMI;RODZ;NAZWA;NAZWA_DOD;STAN_NA
 *
 * WOJ, POW, GMI are two-digit codes, RODZ the one-digit kind of a gmina unit (1 urban, 2 rural,
 * 3 urban-rural, 4 and 5 the town and rural area inside an urban-rural gmina, 8 and 9 districts
 * and delegations of cities), NAZWA the name, NAZWA_DOD its description ("powiat", "gmina
 * miejska", "miasto na prawach powiatu", …), STAN_NA the date the list is valid for.
 *
 * Kept: powiats (rows with POW and no GMI; code WOJ+POW, 4 digits) and gminas (RODZ 1, 2 or
 * 3; code WOJ+POW+GMI+RODZ, 7 digits). Województwa and the parts of gminas are not
 * organisations that join a partnership and are skipped.
 */
import type { TercUnit } from '../storage/terc.ts';

export class TercFileError extends Error {
  override name = 'TercFileError';
}

const HEADER = ['WOJ', 'POW', 'GMI', 'RODZ', 'NAZWA', 'NAZWA_DOD', 'STAN_NA'];
const GMINA_KINDS = new Set(['1', '2', '3']);

/** Decodes the file: UTF-8 (with or without BOM), or Windows-1250 as older exports were. */
export function decodeTercFile(bytes: Uint8Array): string {
  const utf8 = new TextDecoder('utf-8').decode(bytes);
  const text = utf8.includes('\uFFFD') ? new TextDecoder('windows-1250').decode(bytes) : utf8;
  return text.replace(/^\uFEFF/, '');
}

/** Unquotes one field ("a;b" and doubled quotes inside). The GUS file rarely quotes. */
function splitLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') (cur += '"'), i++;
      else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ';') out.push(cur), (cur = '');
    else cur += ch;
  }
  out.push(cur);
  return out.map((f) => f.trim());
}

/**
 * Parses the file's text into powiats and gminas.
 * @throws TercFileError naming the line, when the header or a row is not what GUS publishes
 */
export function parseGusTerc(text: string): TercUnit[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines.length === 0) throw new TercFileError('the file is empty');
  const header = splitLine(lines[0]).map((h) => h.toUpperCase());
  if (HEADER.some((h, i) => header[i] !== h)) {
    throw new TercFileError(`line 1: expected the header ${HEADER.join(';')}, found ${lines[0].slice(0, 120)}`);
  }
  const units: TercUnit[] = [];
  lines.slice(1).forEach((line, i) => {
    const [woj, pow, gmi, rodz, nazwa, nazwaDod, stanNa] = splitLine(line);
    const where = `line ${i + 2}`;
    if (!/^\d{2}$/.test(woj ?? '') || !nazwa) throw new TercFileError(`${where}: not a TERC row: ${line.slice(0, 120)}`);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(stanNa ?? '')) throw new TercFileError(`${where}: STAN_NA is not a date (YYYY-MM-DD)`);
    if (!pow) return; // województwo
    if (!/^\d{2}$/.test(pow)) throw new TercFileError(`${where}: POW is not two digits`);
    if (!gmi) {
      units.push({ code: woj + pow, kind: 'powiat', name: nazwa, description: nazwaDod ?? '', asOf: stanNa });
      return;
    }
    if (!/^\d{2}$/.test(gmi) || !/^\d$/.test(rodz ?? '')) throw new TercFileError(`${where}: GMI or RODZ is not a code`);
    if (!GMINA_KINDS.has(rodz)) return; // a part of a gmina, a district or delegation
    units.push({ code: woj + pow + gmi + rodz, kind: 'gmina', name: nazwa, description: nazwaDod ?? '', asOf: stanNa });
  });
  if (units.length === 0) throw new TercFileError('the file holds no powiat or gmina');
  return units;
}
