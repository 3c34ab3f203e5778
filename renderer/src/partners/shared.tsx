/** Small pieces the partner pages share: organisation choices, export buttons, a modal frame. */
import { useEffect, useState, type ReactNode } from 'react';
import type { ExportInput } from '../../../shared/contract/export';
import { api, downloadBase64 } from '../api/client';
import { useChannel, useChannels } from '../api/query';
import type { PickerOption } from '../components/Picker';
import { countryName } from '../../../shared/countries';
import { formatNumber } from '../format';
import { currentLanguage, errorText, useTranslation } from '../i18n';
import { useAppStore } from '../stores/app';
import { ErrorMessage } from '../components/ErrorMessage';
import { Dialog } from '../components/Dialog';
import { DraftNotice } from '../components/DraftNotice';
import { formKeyDown, shortcutLabel } from '../components/useShortcut';

const option = (o: { id: string; name: string; country: string | null }): PickerOption => ({
  value: o.id,
  label: o.name,
  detail: o.country ? countryName(o.country, currentLanguage()) : undefined,
});

/**
 * Organisations as picker options, searched in main as the person types (a mission that
 * imported its address book has thousands): the first 50 by name that match, plus the
 * chosen ones, so their names show whatever was searched.
 */
export function useOrganisationOptions(selected: readonly string[], exclude?: string): { options: PickerOption[]; onQuery(query: string): void } {
  const [query, setQuery] = useState('');
  const [text, setText] = useState('');
  useEffect(() => {
    const handle = setTimeout(() => setText(query.trim()), 80);
    return () => clearTimeout(handle);
  }, [query]);
  const found = (useChannel('organisation.list', { filter: text ? { text } : {}, limit: 50 }).data?.rows ?? []).map(option);
  const chosen = useChannels(
    'organisation.get',
    selected.map((id) => ({ id })),
  );
  const shown = new Set(found.map((o) => o.value));
  const options = [...found, ...chosen.flatMap((o) => (o && !shown.has(o.id) ? [option(o)] : []))].filter((o) => o.value !== exclude);
  return { options, onQuery: setQuery };
}

type ExportRequest = ExportInput extends infer T ? (T extends unknown ? Omit<T, 'format' | 'language'> : never) : never;

/** "Export CSV" and "Export XLSX" for a list with its current filter; the file is downloaded. */
export function ExportButtons({ request }: { request: ExportRequest }) {
  const { t } = useTranslation();
  const notify = useAppStore((s) => s.notify);
  const [busy, setBusy] = useState(false);
  async function run(format: 'csv' | 'xlsx') {
    setBusy(true);
    try {
      const file = await api('export.list', { ...request, format, language: currentLanguage() } as ExportInput);
      downloadBase64(file.fileName, file.base64, file.mimeType);
      notify({ kind: 'info', text: t('exportList.done', { count: file.rowCount, total: formatNumber(file.rowCount), file: file.fileName }) });
    } catch (error) {
      notify({ kind: 'error', text: errorText(error) });
    } finally {
      setBusy(false);
    }
  }
  return (
    <span className="export-buttons">
      <button type="button" disabled={busy} onClick={() => void run('csv')}>
        {t('exportList.csv')}
      </button>
      <button type="button" disabled={busy} onClick={() => void run('xlsx')}>
        {t('exportList.xlsx')}
      </button>
    </span>
  );
}

/** A centred dialog with a title, a body and a footer; Escape or a click outside closes it. */
export function Modal({ title, onClose, children, footer, wide }: { title: string; onClose(): void; children: ReactNode; footer?: ReactNode; wide?: boolean }) {
  const { t } = useTranslation();
  return (
    <Dialog shape="modal" label={title} onClose={onClose}>
      <div className={`modal${wide ? ' modal-wide' : ''}`}>
        <header className="drawer-head">
          <h2>{title}</h2>
          <button type="button" className="icon" aria-label={t('common.close')} onClick={onClose}>
            ×
          </button>
        </header>
        <div className="modal-body">{children}</div>
        {footer && <footer className="drawer-foot">{footer}</footer>}
      </div>
    </Dialog>
  );
}

/**
 * The frame of a side drawer form: title, error, body, footer with save and cancel. It
 * renders into <body> and keeps its submit and keys to itself, so it can open from
 * another form (a follow-up from an activity) without submitting or closing that one.
 */
export function DrawerForm(props: {
  title: string;
  failure: string | null;
  busy: boolean;
  onSave(): void;
  onClose(): void;
  onDelete?: () => void;
  children: ReactNode;
  extra?: ReactNode;
  /** The values came back from a draft: say so and offer to start again. */
  draft?: { restored: boolean; drop(): void };
}) {
  const { t } = useTranslation();
  return (
    <Dialog shape="drawer" label={props.title} onClose={props.onClose}>
      <form
        className="drawer"
        noValidate
        autoComplete="off"
        onSubmit={(e) => {
          e.preventDefault();
          e.stopPropagation();
          props.onSave();
        }}
        onKeyDown={(e) => formKeyDown(e, { close: props.onClose, save: props.onSave })}
      >
        <header className="drawer-head">
          <h2>{props.title}</h2>
          <button type="button" className="icon" aria-label={t('common.close')} onClick={props.onClose}>
            ×
          </button>
        </header>
        {props.draft?.restored && <DraftNotice text={t('activity.draftRestored')} onDiscard={props.draft.drop} />}
        <ErrorMessage text={props.failure} />
        <div className="drawer-body">
          {props.children}
          {props.extra}
        </div>
        <footer className="drawer-foot">
          {props.onDelete && (
            <button type="button" className="danger" onClick={props.onDelete}>
              {t('common.delete')}
            </button>
          )}
          <span className="spacer" />
          <kbd className="muted small">{shortcutLabel('save')}</kbd>
          <button type="button" onClick={props.onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary" disabled={props.busy}>
            {props.busy ? t('common.saving') : t('common.save')}
          </button>
        </footer>
      </form>
    </Dialog>
  );
}
