/**
 * The one import dialog of every spreadsheet import (partners, activities, agreements): choose
 * a file or download the template, check how its columns map, see what each row will do, and
 * only then confirm. What differs per entity (its channels, options, preview table and summary)
 * comes in an ImportKind.
 */
import { type ReactNode, useState } from 'react';
import type { ChannelName } from '../../../shared/contract';
import type { ImportTemplateEntity } from '../../../shared/domain/record-import';
import { api, downloadBase64 } from '../api/client';
import { ErrorMessage } from '../components/ErrorMessage';
import { ProgressBar } from '../components/ProgressBar';
import { fileBase64, useProgress } from '../components/useLongCall';
import { errorText, useTranslation } from '../i18n';
import { Modal } from '../partners/shared';
import { MappingGrid } from './MappingGrid';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Rows of the preview table shown at most (the counts cover every row). */
export const SHOWN_ROWS = 100;

/** Field -> the file's column (null: not imported). */
export type Mapping = Record<string, string | null>;
const mappingOf = (fields: Partial<Record<string, string | null>>): Mapping =>
  Object.fromEntries(Object.entries(fields).flatMap(([f, c]) => (c === undefined ? [] : [[f, c]])));
export interface ChosenFile {
  fileName: string;
  dataBase64: string;
}

/** What every preview holds, whatever the entity. */
interface PreviewBase {
  columns: string[];
  mapping: Partial<Record<string, string | null>>;
}

/** What the preview area shows below the mapping; changing the options (or corrections) previews again. */
export interface PreviewProps<P, E> {
  preview: P;
  options: E;
  busy: boolean;
  change(options: E): void;
}

/** An entity's part of the dialog. E: what the person sets besides the mapping (duplicates rule, corrections). */
export interface ImportKind<P extends PreviewBase, S, E> {
  title: string;
  intro: string;
  template: ImportTemplateEntity;
  /** The long channel whose progress the bar shows. */
  commitChannel: ChannelName;
  fields: readonly string[];
  labelKey(field: string): string;
  /** Options of a new file. */
  initial: E;
  preview(file: ChosenFile, mapping: Mapping | undefined, options: E): Promise<P>;
  commit(file: ChosenFile, mapping: Mapping, options: E): Promise<S>;
  canConfirm(preview: P): boolean;
  Preview(props: PreviewProps<P, E>): ReactNode;
  Summary(props: { summary: S }): ReactNode;
}

export function ImportDialog<P extends PreviewBase, S, E>({ kind, onClose }: { kind: ImportKind<P, S, E>; onClose(): void }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<ChosenFile | null>(null);
  const [mapping, setMapping] = useState<Mapping>({});
  const [options, setOptions] = useState<E>(kind.initial);
  const [preview, setPreview] = useState<P | null>(null);
  const [summary, setSummary] = useState<S | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [committing, setCommitting] = useState(false);
  const progress = useProgress(kind.commitChannel, committing);

  async function run<T>(work: () => Promise<T>): Promise<T | null> {
    setBusy(true);
    setFailure(null);
    try {
      return await work();
    } catch (error) {
      setFailure(errorText(error));
      return null;
    } finally {
      setBusy(false);
    }
  }

  async function choose(chosen: File | undefined) {
    if (!chosen) return;
    setPreview(null);
    setSummary(null);
    setOptions(kind.initial);
    const next = { fileName: chosen.name, dataBase64: await fileBase64(chosen) };
    setFile(next);
    const result = await run(() => kind.preview(next, undefined, kind.initial));
    if (result) {
      setPreview(result);
      setMapping(mappingOf(result.mapping));
    }
  }

  async function refresh(nextMapping: Mapping, nextOptions: E) {
    if (!file) return;
    const result = await run(() => kind.preview(file, nextMapping, nextOptions));
    if (result) setPreview(result);
  }

  async function confirm() {
    if (!file) return;
    setCommitting(true);
    const result = await run(() => kind.commit(file, mapping, options));
    setCommitting(false);
    if (result) setSummary(result);
  }

  async function downloadTemplate() {
    const template = await run(() => api('recordImport.template', { entity: kind.template }));
    if (template) downloadBase64(template.fileName, template.base64, XLSX);
  }

  const footer = summary ? (
    <button type="button" className="primary" onClick={onClose}>
      {t('common.close')}
    </button>
  ) : (
    <>
      <span className="spacer" />
      <button type="button" onClick={onClose}>
        {t('common.cancel')}
      </button>
      <button type="button" className="primary" disabled={!preview || busy || !kind.canConfirm(preview)} onClick={() => void confirm()}>
        {t('partnerImport.confirm')}
      </button>
    </>
  );

  return (
    <Modal title={t(kind.title)} onClose={onClose} footer={footer} wide>
      {summary ? (
        <div className="import-summary" role="status">
          <h3>{t('partnerImport.done')}</h3>
          <kind.Summary summary={summary} />
        </div>
      ) : (
        <>
          <p className="muted">
            {t(kind.intro)}{' '}
            <button type="button" className="link" onClick={() => void downloadTemplate()}>
              {t('recordImport.template')}
            </button>
          </p>
          <label className="file-choose">
            {t('partnerImport.chooseFile')}{' '}
            <input type="file" accept={`.xlsx,.csv,text/csv,${XLSX}`} onChange={(e) => void choose(e.target.files?.[0])} data-testid="import-file" />
          </label>
          <ErrorMessage text={failure} />
          {committing && <ProgressBar progress={progress} />}
          {preview && (
            <>
              <h3>{t('partnerImport.mapping')}</h3>
              <MappingGrid
                fields={kind.fields}
                label={(field) => t(kind.labelKey(field))}
                columns={preview.columns}
                mapping={mapping}
                onChange={(fields) => {
                  const next = mappingOf(fields);
                  setMapping(next);
                  void refresh(next, options);
                }}
              />
              <kind.Preview
                preview={preview}
                options={options}
                busy={busy}
                change={(next) => {
                  setOptions(next);
                  void refresh(mapping, next);
                }}
              />
            </>
          )}
        </>
      )}
    </Modal>
  );
}
