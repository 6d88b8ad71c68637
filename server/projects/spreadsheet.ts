/**
 * The package overview as CSV and XLSX (issue 19): one row per fiche, then the sums per source,
 * per partner and per goal. Amounts are written in złote with two decimals: as Polish text in CSV
 * („1 234,50”, the separator is a semicolon as Polish spreadsheets expect), as numbers with a
 * złoty format in XLSX (exceljs), computed from grosze so the cell value is the exact decimal.
 */
import { lazy } from '../modules/lazy.ts';
import { FUNDING_SOURCES, type FicheStatus, type FundingSource, type Readiness } from '../../shared/projects/fiche.ts';
import { formatPln } from '../../shared/projects/money.ts';
import type { OverviewRow, OverviewSums } from '../../shared/projects/overview.ts';

const loadExcel = lazy(async () => (await import('exceljs')).default);

export const SOURCE_LABELS: Record<FundingSource, string> = {
  eu: 'Program UE', national: 'Program krajowy', kpo: 'KPO', own: 'Budżet własny', other: 'Inne',
};
export const STATUS_LABELS: Record<FicheStatus, string> = {
  proposed: 'Zgłoszony', accepted: 'Przyjęty przez Radę Partnerstwa', in_package: 'W pakiecie', rejected: 'Odrzucony',
};
export const READINESS_LABELS: Record<Readiness, string> = {
  concept: 'Koncepcja', documentation: 'Dokumentacja', permits: 'Pozwolenia', feasibility: 'Studium wykonalności',
};

const HEADER = ['Tytuł', 'Lider', 'Partnerzy', 'Koszt całkowity (zł)', ...FUNDING_SOURCES.map((s) => `${SOURCE_LABELS[s]} (zł)`), 'Cel strategiczny', 'Status', 'Gotowość', 'Koszty się bilansują'];

const amount = (grosze: number) => formatPln(grosze, { plain: true, unit: false });
/** The exact decimal value of grosze as a number of złote for a spreadsheet cell. */
const zl = (grosze: number) => {
  const abs = Math.abs(grosze);
  return Number(`${grosze < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`);
};

function rowCells(r: OverviewRow): (string | number)[] {
  return [
    r.title, r.leaderName ?? '', r.partners.map((p) => `${p.organizationName} (${p.role})`).join('; '),
    r.totalCostGrosze, ...FUNDING_SOURCES.map((s) => r.funding[s]), r.goal ?? '', STATUS_LABELS[r.status], READINESS_LABELS[r.readiness], r.balanced ? 'tak' : 'nie',
  ];
}

function csvField(v: string): string {
  // A leading =, +, - or @ would be a formula in a spreadsheet: neutralised with an apostrophe.
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[;"\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const MONEY_COLUMNS = new Set([3, 4, 5, 6, 7, 8]);

export function packageCsv(rows: readonly OverviewRow[], sums: OverviewSums): string {
  const lines: string[][] = [HEADER];
  for (const r of rows) lines.push(rowCells(r).map((v, i) => (MONEY_COLUMNS.has(i) ? amount(v as number) : String(v))));
  lines.push([]);
  lines.push(['Suma (bez odrzuconych)', '', '', amount(sums.totalGrosze)]);
  for (const s of sums.perSource) lines.push([`Źródło: ${SOURCE_LABELS[s.key as FundingSource]}`, '', '', amount(s.grosze)]);
  for (const p of sums.perPartner) lines.push([`Partner: ${p.label}`, '', '', amount(p.grosze)]);
  for (const g of sums.perGoal) lines.push([`Cel: ${g.label || 'bez celu'}`, '', '', amount(g.grosze)]);
  // A byte-order mark so that Excel reads the Polish letters as UTF-8.
  return '\ufeff' + lines.map((l) => l.map(csvField).join(';')).join('\r\n') + '\r\n';
}

export async function packageXlsx(rows: readonly OverviewRow[], sums: OverviewSums): Promise<Uint8Array> {
  const ExcelJS = await loadExcel();
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Wspólna Strategia';
  const sheet = wb.addWorksheet('Pakiet projektów');
  sheet.addRow(HEADER).font = { bold: true };
  for (const r of rows) sheet.addRow(rowCells(r).map((v, i) => (MONEY_COLUMNS.has(i) ? zl(v as number) : v)));
  for (const col of MONEY_COLUMNS) sheet.getColumn(col + 1).numFmt = '#,##0.00 "zł"';
  sheet.getColumn(1).width = 40;
  const s = wb.addWorksheet('Sumy');
  s.addRow(['Pozycja', 'Kwota (zł)']).font = { bold: true };
  s.addRow(['Suma (bez odrzuconych)', zl(sums.totalGrosze)]);
  for (const x of sums.perSource) s.addRow([`Źródło: ${SOURCE_LABELS[x.key as FundingSource]}`, zl(x.grosze)]);
  for (const x of sums.perPartner) s.addRow([`Partner: ${x.label}`, zl(x.grosze)]);
  for (const x of sums.perGoal) s.addRow([`Cel: ${x.label || 'bez celu'}`, zl(x.grosze)]);
  s.getColumn(2).numFmt = '#,##0.00 "zł"';
  s.getColumn(1).width = 50;
  const buf = await wb.xlsx.writeBuffer();
  return new Uint8Array(buf as ArrayBuffer);
}
