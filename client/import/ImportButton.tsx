/** „Importuj z pliku Word…”: opens the import dialog (for people who may edit or suggest). */
import { useState } from 'react';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { ImportDialog, type ImportDialogProps } from './ImportDialog.tsx';

export function ImportButton(props: Omit<ImportDialogProps, 'onClose'>) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="import-button" data-import-docx onClick={() => setOpen(true)}>{t(props.strategy ? 'import.openStrategy' : 'import.open')}</button>
      {open && <ImportDialog {...props} onClose={() => setOpen(false)} />}
    </>
  );
}
