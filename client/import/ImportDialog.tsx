/**
 * „Importuj z pliku Word”: a modal dialog in two steps. 1. choose a .docx → the server reads it
 * and answers a preview (nothing is written yet); 2. the summary (what comes through, what
 * does not), which Word authors are which members, text alternatives for images without one,
 * the sections to take and where to put them → „Importuj”. Errors are shown in Polish by code.
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { MemberDto } from '../../shared/apiTypes.ts';
import type { ImportPreviewDto } from '../../shared/import.ts';
import { Limits } from '../../shared/limits.ts';
import { api } from '../apiClient/endpoints.ts';
import { ApiError, errorMessageKey } from '../apiClient/errors.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { useAnnounce } from '../ui/Announcer.tsx';
import { FormError } from '../ui/FormError.tsx';
import { Modal } from '../versions/Modal.tsx';
import { confirmImport, confirmStrategyImport, DOCX_ACCEPT, previewImport } from './importApi.ts';
import '../versions/versions.css';
import './import.css';

const KEEP = '';

export interface ImportDialogProps {
  /** Import into this chapter… */
  chapterId?: string;
  chapterTitle?: string;
  /** …or a whole-strategy file, split by its top-level headings into the strategy's chapters. */
  strategy?: { id: string; title: string; chapters: Array<{ id: string; title: string }> };
  partnershipId: string;
  onClose(): void;
  onDone?(): void;
}

const NEW = 'new';
const SKIP = 'skip';

export function ImportDialog({ chapterId = '', chapterTitle = '', strategy, partnershipId, onClose, onDone }: ImportDialogProps) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<ImportPreviewDto | null>(null);
  const [members, setMembers] = useState<MemberDto[]>([]);
  const [authors, setAuthors] = useState<Record<string, string>>({});
  const [alts, setAlts] = useState<Record<number, string>>({});
  const [sections, setSections] = useState<number[]>([]);
  const [mode, setMode] = useState<'empty' | 'append'>('append');
  /** Whole strategy: section index → chapter id, NEW or SKIP. */
  const [mapping, setMapping] = useState<Record<number, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const fileRef = useRef<HTMLInputElement>(null);
  const summaryRef = useRef<HTMLHeadingElement>(null);
  const ids = { file: useId(), fileError: useId(), summary: useId(), note: useId() };

  useEffect(() => {
    api.partnership(partnershipId).then((p) => setMembers(p.members.filter((m) => !m.deactivated)), () => undefined);
  }, [partnershipId]);

  useEffect(() => {
    if (preview) summaryRef.current?.focus();
  }, [preview]);

  const read = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (!file) {
      setError(t('import.fileRequired'));
      return fileRef.current?.focus();
    }
    setBusy(true);
    setError(null);
    try {
      const p = strategy ? await previewImport(strategy.id, file, 'strategies') : await previewImport(chapterId, file);
      setPreview(p);
      setAuthors(Object.fromEntries(p.authors.map((a) => [a.name, a.userId ?? KEEP])));
      setAlts(Object.fromEntries(p.images.map((i) => [i.index, i.alt])));
      const own = p.sections.filter((s) => s.title !== null && s.chapterId === chapterId);
      setSections(own.length ? own.map((s) => s.index) : p.sections.map((s) => s.index));
      setMode(p.chapterEmpty ? 'empty' : 'append');
      setMapping(Object.fromEntries(p.sections.map((sec) => [sec.index, sec.chapterId ?? (sec.title ? NEW : SKIP)])));
      announce(t('import.previewReady'));
    } catch (e) {
      setError(t(errorMessageKey(e)));
      fileRef.current?.focus();
    } finally {
      setBusy(false);
    }
  };

  const confirm = async (event: FormEvent) => {
    event.preventDefault();
    if (busy || !preview) return;
    const missing = preview.images.find((i) => !(alts[i.index] ?? '').trim());
    if (missing) {
      setError(t('import.altRequired', { n: missing.index + 1 }));
      return document.getElementById(`import-alt-${missing.index}`)?.focus();
    }
    const mapped = preview.sections.filter((sec) => (mapping[sec.index] ?? SKIP) !== SKIP);
    if ((strategy ? mapped.length : sections.length) === 0) return setError(t('import.sectionRequired'));
    setBusy(true);
    setError(null);
    const authorList = preview.asSuggestions ? [] : preview.authors.map((a) => ({ name: a.name, userId: authors[a.name] || null }));
    const altList = preview.images.map((i) => ({ index: i.index, alt: (alts[i.index] ?? '').trim().slice(0, Limits.maxFigureAltLength) }));
    try {
      if (strategy) {
        const r = await confirmStrategyImport(strategy.id, {
          token: preview.token,
          mapping: mapped.map((sec) => ({ section: sec.index, chapterId: mapping[sec.index] === NEW ? null : mapping[sec.index] })),
          authors: authorList,
          alts: altList,
        });
        announce(t('import.doneStrategy', { chapters: r.chapters.length }));
        onDone?.();
        onClose();
        return;
      }
      const r = await confirmImport(chapterId, {
        token: preview.token,
        mode,
        sections,
        authors: authorList,
        alts: altList,
      });
      announce(t('import.done', { suggestions: r.suggestions, threads: r.threads }));
      onDone?.();
      onClose();
    } catch (e) {
      setError(t(errorMessageKey(e)));
      if (e instanceof ApiError && e.code === 'import_preview_expired') setPreview(null);
      setBusy(false);
    }
  };

  const c = preview;
  return (
    <Modal title={strategy ? t('import.strategyTitle', { strategy: strategy.title }) : t('import.title', { chapter: chapterTitle })} onClose={onClose} size="wide" describedBy={ids.note}>
      <p id={ids.note} className="muted">{t('import.intro')}</p>
      {!c && (
        <form className="dialog-form" noValidate onSubmit={read} aria-busy={busy || undefined}>
          <div className="dialog-field">
            <label htmlFor={ids.file}>{t('import.file')}</label>
            <input ref={fileRef} id={ids.file} name="file" type="file" accept={DOCX_ACCEPT} aria-required="true" data-autofocus
              aria-invalid={error ? true : undefined} aria-describedby={error ? ids.fileError : undefined}
              onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
            <FormError id={ids.fileError} message={error} />
          </div>
          {busy && <p role="status">{t('import.reading')}</p>}
          <div className="dialog-actions">
            <button type="submit" className="button-primary" disabled={busy}>{t('import.read')}</button>
            <button type="button" onClick={onClose}>{t('app.cancel')}</button>
          </div>
        </form>
      )}
      {c && (
        <form className="dialog-form import-preview" noValidate onSubmit={confirm} aria-busy={busy || undefined}>
          <h3 id={ids.summary} tabIndex={-1} ref={summaryRef}>{t('import.summary', { file: c.fileName })}</h3>
          <ul className="import-summary" aria-labelledby={ids.summary}>
            <li>{t('import.countParagraphs', { paragraphs: c.paragraphs, headings: c.headings, tables: c.tables })}</li>
            <li>{t('import.countChanges', { insertions: c.changes.insertions, deletions: c.changes.deletions, moves: c.changes.moves, paragraphs: c.changes.paragraphs })}</li>
            <li>{t('import.countComments', { threads: c.comments.threads, replies: c.comments.replies })}</li>
            <li>{t('import.countImages', { images: c.images.length })}</li>
          </ul>
          {c.losses.length > 0 ? (
            <section className="import-losses" aria-labelledby="import-losses-title">
              <h4 id="import-losses-title">{t('import.lossesTitle')}</h4>
              <ul>{c.losses.map((l) => <li key={l.kind}>{t(`import.loss.${l.kind}`)}: {l.count}</li>)}</ul>
            </section>
          ) : <p>{t('import.noLosses')}</p>}
          {c.asSuggestions && <p className="import-note">{t('import.asSuggestions')}</p>}

          {!c.asSuggestions && c.authors.length > 0 && (
            <fieldset className="import-authors">
              <legend>{t('import.authorsLegend')}</legend>
              <p className="muted field-hint">{t('import.authorsHint')}</p>
              {c.authors.map((a, i) => (
                <div className="dialog-field" key={a.name}>
                  <label htmlFor={`import-author-${i}`}>
                    {t('import.authorLabel', { name: a.name, changes: a.changes, comments: a.comments })}
                    {a.match === 'ambiguous' && <span className="import-warning"> {t('import.ambiguous')}</span>}
                  </label>
                  <select id={`import-author-${i}`} value={authors[a.name] ?? KEEP} onChange={(e) => setAuthors({ ...authors, [a.name]: e.target.value })}>
                    <option value={KEEP}>{t('import.keepName')}</option>
                    {(a.candidates.length ? members.filter((m) => a.candidates.includes(m.userId)) : members).concat(a.candidates.length ? members.filter((m) => !a.candidates.includes(m.userId)) : [])
                      .map((m) => <option key={m.userId} value={m.userId}>{m.name} · {m.organization.name}</option>)}
                  </select>
                </div>
              ))}
            </fieldset>
          )}

          {c.images.some((i) => !i.alt) && (
            <fieldset>
              <legend>{t('import.altsLegend')}</legend>
              {c.images.filter((i) => !i.alt).map((i) => (
                <div className="dialog-field" key={i.index}>
                  <label htmlFor={`import-alt-${i.index}`}>{t('import.altLabel', { n: i.index + 1 })}</label>
                  <input id={`import-alt-${i.index}`} type="text" maxLength={Limits.maxFigureAltLength} aria-required="true"
                    value={alts[i.index] ?? ''} onChange={(e) => setAlts({ ...alts, [i.index]: e.target.value })} />
                </div>
              ))}
            </fieldset>
          )}

          {strategy && (
            <fieldset>
              <legend>{t('import.mappingLegend')}</legend>
              <p className="muted field-hint">{t('import.mappingHint')}</p>
              {c.sections.map((sec) => (
                <div className="dialog-field" key={sec.index}>
                  <label htmlFor={`import-map-${sec.index}`}>{sec.title ?? t('import.sectionBeforeFirst')} ({t('import.sectionParagraphs', { n: sec.paragraphs })})</label>
                  <select id={`import-map-${sec.index}`} value={mapping[sec.index] ?? SKIP} onChange={(e) => setMapping({ ...mapping, [sec.index]: e.target.value })}>
                    <option value={SKIP}>{t('import.mapSkip')}</option>
                    <option value={NEW}>{t('import.mapNew')}</option>
                    {strategy.chapters.map((ch) => <option key={ch.id} value={ch.id}>{t('import.mapInto', { chapter: ch.title })}</option>)}
                  </select>
                </div>
              ))}
            </fieldset>
          )}

          {!strategy && c.sections.length > 1 && (
            <fieldset>
              <legend>{t('import.sectionsLegend')}</legend>
              {c.sections.map((s) => (
                <div key={s.index} className="import-choice">
                  <input id={`import-section-${s.index}`} type="checkbox" checked={sections.includes(s.index)}
                    onChange={(e) => setSections(e.target.checked ? [...sections, s.index].sort((x, y) => x - y) : sections.filter((x) => x !== s.index))} />
                  <label htmlFor={`import-section-${s.index}`}>
                    {s.title ?? t('import.sectionBeforeFirst')} ({t('import.sectionParagraphs', { n: s.paragraphs })})
                    {s.chapterId === chapterId && ` — ${t('import.sectionThisChapter')}`}
                  </label>
                </div>
              ))}
            </fieldset>
          )}

          {!strategy && <fieldset>
            <legend>{t('import.modeLegend')}</legend>
            <div className="import-choice">
              <input id="import-mode-empty" type="radio" name="mode" value="empty" checked={mode === 'empty'} disabled={!c.chapterEmpty} onChange={() => setMode('empty')} />
              <label htmlFor="import-mode-empty">{t(c.chapterEmpty ? 'import.modeEmpty' : 'import.modeEmptyUnavailable')}</label>
            </div>
            <div className="import-choice">
              <input id="import-mode-append" type="radio" name="mode" value="append" checked={mode === 'append'} onChange={() => setMode('append')} />
              <label htmlFor="import-mode-append">{t('import.modeAppend')}</label>
            </div>
          </fieldset>}
          <p className="muted">{t('import.versionNote')}</p>
          <FormError message={error} />
          {busy && <p role="status">{t('import.importing')}</p>}
          <div className="dialog-actions">
            <button type="submit" className="button-primary" disabled={busy}>{t('import.confirm')}</button>
            <button type="button" onClick={onClose}>{t('app.cancel')}</button>
          </div>
        </form>
      )}
    </Modal>
  );
}
