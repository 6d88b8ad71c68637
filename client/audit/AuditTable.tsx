/** Audit entries as a table: when, what (in words), who (person · organisation), chapter, details. */
import type { AuditEntryDto } from '../../shared/apiTypes.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { TableScroll } from '../ui/TableScroll.tsx';
import { auditActionLabel, auditDetails } from './actions.ts';

export function AuditTable({ entries, caption }: { entries: AuditEntryDto[]; caption: string }) {
  const { t, formatDate } = useI18n();
  return (
    <TableScroll label={caption}>
    <table className="data-table audit-table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('audit.when')}</th>
          <th scope="col">{t('audit.action')}</th>
          <th scope="col">{t('audit.who')}</th>
          <th scope="col">{t('audit.chapter')}</th>
          <th scope="col">{t('audit.details')}</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e) => (
          <tr key={e.id}>
            <td><time dateTime={e.at}>{formatDate(e.at)}</time></td>
            <th scope="row">{auditActionLabel(t, e.action)}</th>
            <td>{e.actor ? t('versions.person', { name: e.actor.name, organization: e.actor.organization }) : <span className="muted">{t('audit.system')}</span>}</td>
            <td>{e.chapterTitle ?? <span className="muted">—</span>}</td>
            <td>
              <ul className="audit-details">
                {auditDetails(e.details).map((d, i) => <li key={i}>{t(d.label)}: {d.text}</li>)}
              </ul>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
    </TableScroll>
  );
}
