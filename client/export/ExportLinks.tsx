/**
 * Download links for exports (docs/export.md): DOCX, optionally DOCX with tracked changes and
 * comments, PDF and Markdown. Plain links to the export API, so the browser downloads the
 * file with the server's Polish file name (Content-Disposition) and a keyboard or screen
 * reader user gets ordinary links; the group's label says what is downloaded.
 */
import { useId } from 'react';
import { useI18n } from '../i18n/I18nProvider.tsx';
import './export.css';

export interface ExportLinksProps {
  /** `/api/strategies/<id>/export` or `/api/chapters/<id>/export`. */
  base: string;
  /** Query parameters for every link (`milestone`, `version`). */
  query?: Record<string, string>;
  /** What is downloaded, e.g. „Pobierz rozdział”. */
  label: string;
  /** Offer the DOCX with suggestions as tracked changes and threads as comments. */
  tracked?: boolean;
}

function href(base: string, format: string, query: Record<string, string>): string {
  const params = new URLSearchParams(query).toString();
  return `${base}.${format}${params ? `?${params}` : ''}`;
}

export function ExportLinks({ base, query = {}, label, tracked = false }: ExportLinksProps) {
  const { t } = useI18n();
  const labelId = useId();
  const links = [
    { format: 'docx', text: t('export.docx'), url: href(base, 'docx', query) },
    ...(tracked ? [{ format: 'docx-tracked', text: t('export.docxTracked'), url: href(base, 'docx', { ...query, tracked: '1' }) }] : []),
    { format: 'pdf', text: t('export.pdf'), url: href(base, 'pdf', query) },
    { format: 'md', text: t('export.md'), url: href(base, 'md', query) },
  ];
  return (
    <div className="export-links" role="group" aria-labelledby={labelId}>
      <span id={labelId} className="export-label">{label}</span>
      <ul>
        {links.map((l) => (
          <li key={l.format}>
            <a href={l.url} download data-export-format={l.format}>{l.text}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}
