/**
 * The report workspace: choose the period, write the narrative sections (or draft them from
 * the figures), set number, place, date, signer and recipients; save drafts; finalise (freezes
 * the figures and the header); download the .docx (Nghị định 30 layout) and its .xlsx annex;
 * print or save as PDF. Beside the editor, the document as it prints (the .docx's model).
 */
import { useCallback, useEffect, useState } from 'react';
import { KEY_FIGURES, MONEY_FIGURES, type Figures } from '../../../shared/contract/figures';
import type { ReportDocumentFormat } from '../../../shared/contract/reports';
import { REPORT_SECTIONS, ReportFields, type Report, type ReportSummary, type ReportValues } from '../../../shared/domain/report';
import { reportGaps, sectionLabel, type ReportDocumentModel, type ReportGap } from '../../../shared/domain/report-document';
import { halfYearOf, periodLabel } from '../../../shared/period';
import { api, downloadBase64 } from '../api/client';
import { useChannel } from '../api/query';
import { confirm } from '../components/confirm';
import { TextField } from '../components/fields';
import { DateField } from '../components/DateField';
import { DraftNotice } from '../components/DraftNotice';
import { PeriodSelect } from '../components/PeriodSelect';
import { useFieldErrors } from '../components/useFieldErrors';
import { formatDate, formatNumber, formatUsd, todayIso } from '../format';
import { currentLanguage, errorText, useTranslation } from '../i18n';
import { useAppStore } from '../stores/app';
import { discardDraft, keepDraft, loadDraft } from '../stores/drafts';
import { Change } from './DashboardPage';
import '../styles/reports.css';
import { ErrorMessage } from '../components/ErrorMessage';
import { ReportPreview } from '../reports/ReportPreview';

type Draft = Omit<ReportValues, 'recipients' | 'reportDate'> & { recipients: string; reportDate: string };

function toDraft(r: ReportValues): Draft {
  return { ...r, recipients: r.recipients.join('\n'), reportDate: r.reportDate ?? '' };
}

function fromDraft(d: Draft): unknown {
  return {
    ...d,
    reportDate: d.reportDate || null,
    recipients: d.recipients
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean),
  };
}

function FiguresPreview({ figures }: { figures: Figures }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  return (
    <table className="figures-table" data-testid="report-figures">
      <thead>
        <tr>
          <th>{t('docx.indicator')}</th>
          <th className="num">{periodLabel(figures.period, language)}</th>
          <th className="num">{periodLabel(figures.previousPeriod, language)}</th>
          <th className="num">{t('figures.change')}</th>
        </tr>
      </thead>
      <tbody>
        {KEY_FIGURES.map((key) => {
          const f = figures.key[key];
          const format = MONEY_FIGURES.has(key) ? formatUsd : formatNumber;
          return (
            <tr key={key}>
              <td>{t(`figures.${key}`)}</td>
              <td className="num">{format(f.value)}</td>
              <td className="num">{format(f.previous)}</td>
              <td className="num">
                <Change figure={f} usd={MONEY_FIGURES.has(key)} language={language} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function ReportsPage() {
  const { t } = useTranslation();
  const notify = useAppStore((s) => s.notify);
  const listQuery = useChannel('report.list', {});
  const list = listQuery.data ?? [];
  const [newPeriod, setNewPeriod] = useState(halfYearOf(todayIso()));
  const [report, setReport] = useState<Report | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const errors = useFieldErrors();
  const language = currentLanguage();
  // At HQ, a mission's report received in a batch: read as it came, never edited here.
  const received = list.find((r) => r.id === report?.id)?.received ?? null;
  const missionName = (m: { code: string; nameVi: string; nameEn: string }) => `${language === 'vi' ? m.nameVi : m.nameEn} (${m.code})`;
  const final = report?.status === 'final';
  const readOnly = final || received !== null;
  const [restored, setRestored] = useState(false);
  // Text typed since the report was last saved (it is kept as a draft meanwhile).
  const unsaved = Boolean(report && draft && !readOnly && JSON.stringify(draft) !== JSON.stringify(toDraft(report)));
  const setLeaveGuard = useAppStore((s) => s.setLeaveGuard);
  const askLeave = useCallback(() => confirm({ message: t('report.confirmLeave'), confirmLabel: t('report.leave') }), [t]);
  const mayLeave = async () => !unsaved || (await askLeave());
  useEffect(() => {
    setLeaveGuard(unsaved ? askLeave : null);
    return () => setLeaveGuard(null);
  }, [unsaved, setLeaveGuard, askLeave]);

  // A final report shows its frozen figures; a draft those of its period now (at HQ, the
  // consolidated ones its document prints: a deal several missions reported counted once).
  const period = draft?.period;
  const hq = useAppStore((s) => s.state?.mode === 'hq');
  const live = Boolean(report && period && !report.figures);
  // HQ's own report reads the consolidated figures; a mission's report received there, that mission's.
  const consolidated = hq && !received;
  // With no report open, the figures of the period chosen for a new one: what it will hold.
  const figuresPeriod = report ? (period ?? '') : newPeriod;
  const wanted = live || !report;
  const liveFigures = useChannel('figures.compute', { period: figuresPeriod, missionId: received?.missionId ?? null }, { enabled: wanted && !consolidated });
  const liveConsolidated = useChannel('hq.figures', { period: figuresPeriod }, { enabled: wanted && consolidated });
  const periodFigures = (consolidated ? liveConsolidated.data?.total : liveFigures.data) ?? null;
  const figures: Figures | null = !report ? periodFigures : !period ? null : (report.figures ?? periodFigures);

  // The printed document follows the text as typed (a moment after the last key).
  const [modelInput, setModelInput] = useState<{ id: string; values?: ReportValues } | null>(null);
  useEffect(() => {
    const timer = setTimeout(() => {
      if (!report || !draft) return setModelInput(null);
      const values = ReportFields.safeParse(fromDraft(draft));
      setModelInput({ id: report.id, values: values.success ? (values.data as ReportValues) : undefined });
    }, 250);
    return () => clearTimeout(timer);
  }, [report, draft]);
  const modelQuery = useChannel('report.model', modelInput ?? { id: '' }, { enabled: modelInput !== null });
  const shownError = error ?? listQuery.error ?? liveFigures.error ?? modelQuery.error;
  const model: ReportDocumentModel | null = report && draft && modelInput ? (modelQuery.data ?? null) : null;

  /** Shows a report; with `withDraft`, the text typed into it and not yet saved comes back. */
  async function show(r: Report, withDraft = false) {
    const kept = withDraft && r.status === 'draft' ? await loadDraft<Draft>(`report:${r.id}`) : null;
    setReport(r);
    setDraft(kept ?? toDraft(r));
    setRestored(Boolean(kept));
    errors.clear();
    setError(null);
  }

  function dropDraft() {
    if (!report) return;
    void discardDraft(`report:${report.id}`);
    setDraft(toDraft(report));
    setRestored(false);
  }

  async function run<T>(work: () => Promise<T>): Promise<T | null> {
    setBusy(true);
    setError(null);
    try {
      return await work();
    } catch (e) {
      if (!errors.fromError(e)) setError(e);
      return null;
    } finally {
      setBusy(false);
    }
  }

  const create = async () =>
    (await mayLeave()) &&
    run(async () => {
      const defaults = await api('report.defaults', { period: newPeriod });
      await show(await api('report.create', defaults));
    });

  async function save(quiet = false): Promise<Report | null> {
    if (!report || !draft) return null;
    const values = errors.check(ReportFields, fromDraft(draft));
    if (!values) return null;
    const saved = await run(() => api('report.update', { id: report.id, values: fromDraft(draft) as ReportValues }));
    if (saved) {
      void discardDraft(`report:${saved.id}`);
      await show(saved);
      if (!quiet) notify({ kind: 'info', text: t('report.saved') });
    }
    return saved;
  }

  const gapText = (gap: ReportGap) =>
    gap.kind === 'section'
      ? t('report.gapSection', { section: sectionLabel(gap.section, t(`enum.reportSection.${gap.section}`)) })
      : t(`report.gap${gap.kind.charAt(0).toUpperCase()}${gap.kind.slice(1)}`);

  async function finalise() {
    if (!report || !draft) return;
    const values = ReportFields.safeParse(fromDraft(draft));
    const gaps = values.success ? reportGaps(values.data) : [];
    const details = gaps.length ? { lead: t('report.finaliseGaps'), items: gaps.map(gapText) } : undefined;
    if (!(await confirm({ message: t('report.confirmFinalise'), details, confirmLabel: t('report.finalise') }))) return;
    if (!(await save(true))) return;
    const done = await run(() => api('report.finalise', { id: report.id }));
    if (done) {
      await show(done);
      notify({ kind: 'info', text: t('report.finalised') });
    }
  }

  async function remove() {
    if (!report || !(await confirm({ message: t('report.confirmDelete'), confirmLabel: t('common.delete'), danger: true }))) return;
    if (await run(() => api('report.delete', { id: report.id }))) {
      void discardDraft(`report:${report.id}`);
      setReport(null);
      setDraft(null);
    }
  }

  const download = (format: ReportDocumentFormat) =>
    run(async () => {
      if (!readOnly && !(await save(true))) return;
      const file = await api('report.document', { id: report!.id, format });
      downloadBase64(file.fileName, file.base64, file.mimeType);
    });

  /** Fills the sections with text drafted from the period's figures; asks before replacing text. */
  const compose = () =>
    run(async () => {
      if (!report || !draft) return;
      const sections = await api('report.compose', { id: report.id, period: draft.period });
      const typed = REPORT_SECTIONS.some((s) => draft.sections[s].trim() && draft.sections[s] !== sections[s]);
      if (typed && !(await confirm({ message: t('report.confirmCompose'), confirmLabel: t('report.compose') }))) return;
      set('sections', sections);
      notify({ kind: 'info', text: t('report.composed') });
    });

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) =>
    setDraft((d) => {
      if (!d || !report) return d;
      const next = { ...d, [key]: value };
      keepDraft(`report:${report.id}`, next);
      return next;
    });

  const own = list.filter((r) => r.received === null);
  const fromMissions = list.filter((r) => r.received !== null);
  const listOf = (items: ReportSummary[], testId: string) => (
    <ul data-testid={testId}>
      {items.map((r) => (
        <li key={r.id}>
          <button
            type="button"
            className={r.id === report?.id ? 'active' : ''}
            onClick={async () => (await mayLeave()) && void run(async () => show(await api('report.get', { id: r.id }), true))}
          >
            <span>{periodLabel(r.period, language)}</span>
            {r.received && <span className="small">{t('hqPolish.receivedFrom', { mission: missionName(r.received) })}</span>}
            <span className="small muted">
              {r.number || t('report.untitled')} · {formatDate(r.reportDate)}
            </span>
            <span className={`badge report-${r.status}`}>{t(`enum.reportStatus.${r.status}`)}</span>
          </button>
        </li>
      ))}
    </ul>
  );

  return (
    <section className="page reports-page">
      <header className="page-head">
        <div>
          <h1>{t('report.title')}</h1>
        </div>
        <div className="new-report">
          <PeriodSelect label={t('report.period')} value={newPeriod} onChange={setNewPeriod} />
          <button type="button" className="primary" disabled={busy} onClick={() => void create()}>
            + {t('report.new')}
          </button>
        </div>
      </header>
      <ErrorMessage text={shownError ? errorText(shownError) : null} />
      <div className="report-layout">
        <nav className="card report-list" aria-label={t('report.list')}>
          <h2>{t(hq ? 'hqPolish.ownReports' : 'report.list')}</h2>
          {own.length === 0 && <p className="muted small">{t('report.empty')}</p>}
          {listOf(own, 'reports-own')}
          {hq && (
            <>
              <h2>{t('hqPolish.receivedReports')}</h2>
              {fromMissions.length === 0 ? <p className="muted small">{t('hqPolish.receivedEmpty')}</p> : listOf(fromMissions, 'reports-received')}
            </>
          )}
        </nav>

        {!report && (
          <div className="card report-start" data-testid="report-start">
            <h2>{t('report.startTitle', { period: periodLabel(newPeriod, language) })}</h2>
            <p className="muted small">{t(hq ? 'report.startHintHq' : 'report.startHint')}</p>
            {figures ? <FiguresPreview figures={figures} /> : <p className="muted">{t('app.loading')}</p>}
          </div>
        )}

        {report && draft && (
          <div className="report-workspace">
            <div className="report-toolbar">
              <span className={`badge report-${report.status}`} data-testid="report-status">
                {t(`enum.reportStatus.${report.status}`)}
              </span>
              <span className="muted small">
                {final
                  ? t('report.frozenAt', { time: new Date(report.finalisedAt!).toLocaleString(language === 'vi' ? 'vi-VN' : 'en-GB') })
                  : t('report.liveFigures')}
              </span>
              <span className="spacer" />
              {!readOnly && (
                <>
                  <button type="button" disabled={busy} onClick={() => void compose()}>
                    {t('report.compose')}
                  </button>
                  <button type="button" disabled={busy} onClick={() => void save()}>
                    {t('report.saveDraft')}
                  </button>
                  <button type="button" className="primary" disabled={busy} onClick={() => void finalise()}>
                    {t('report.finalise')}
                  </button>
                </>
              )}
              <button type="button" disabled={busy} onClick={() => void download('docx')}>
                ↓ {t('report.downloadDocx')}
              </button>
              <button type="button" disabled={busy} onClick={() => void download('xlsx')}>
                ↓ {t('report.downloadXlsx')}
              </button>
              <button type="button" disabled={!model} onClick={() => window.print()}>
                {t('report.print')}
              </button>
              {!readOnly && (
                <button type="button" className="danger" disabled={busy} onClick={() => void remove()}>
                  {t('report.deleteDraft')}
                </button>
              )}
            </div>

            <div className="report-columns">
              <div className="report-editor">
                {restored && <DraftNotice text={t('report.draftRestored')} onDiscard={dropDraft} />}
                {received && (
                  <p className="notice" data-testid="report-received">
                    {t('hqPolish.receivedNotice', { mission: missionName(received) })}
                  </p>
                )}
                <fieldset disabled={readOnly}>
                  <legend>{t('report.headerTitle')}</legend>
                  <div className="grid-2">
                    <div className="field">
                      <PeriodSelect label={t('report.period')} value={draft.period} onChange={(p) => set('period', p)} />
                    </div>
                    <TextField
                      label={t('report.number')}
                      hint={t('report.numberHint')}
                      name="number"
                      value={draft.number}
                      error={errors.errors.number}
                      onChange={(v) => set('number', v)}
                    />
                    <TextField label={t('report.place')} name="place" value={draft.place} error={errors.errors.place} onChange={(v) => set('place', v)} />
                    <DateField
                      label={t('report.reportDate')}
                      name="reportDate"
                      value={draft.reportDate}
                      error={errors.errors.reportDate}
                      onChange={(v) => set('reportDate', v)}
                    />
                    <TextField
                      label={t('report.signerName')}
                      name="signerName"
                      value={draft.signerName}
                      error={errors.errors.signerName}
                      onChange={(v) => set('signerName', v)}
                    />
                    <TextField
                      label={t('report.signerTitle')}
                      name="signerTitle"
                      value={draft.signerTitle}
                      error={errors.errors.signerTitle}
                      onChange={(v) => set('signerTitle', v)}
                    />
                    <TextField
                      label={t('report.recipients')}
                      name="recipients"
                      multiline
                      wide
                      value={draft.recipients}
                      error={errors.errors.recipients}
                      onChange={(v) => set('recipients', v)}
                    />
                  </div>
                </fieldset>

                <fieldset disabled={readOnly}>
                  <legend>{t('report.sectionsTitle')}</legend>
                  {REPORT_SECTIONS.map((s) => (
                    <TextField
                      key={s}
                      label={sectionLabel(s, t(`enum.reportSection.${s}`))}
                      name={`section-${s}`}
                      multiline
                      value={draft.sections[s]}
                      error={errors.errors[`sections.${s}`]}
                      onChange={(v) => set('sections', { ...draft.sections, [s]: v })}
                    />
                  ))}
                </fieldset>

                <div className="card">
                  <h2>{t('report.figuresTitle')}</h2>
                  {figures ? <FiguresPreview figures={figures} /> : <p className="muted">{t('app.loading')}</p>}
                </div>
              </div>
              <aside className="report-preview-pane" aria-label={t('report.preview')}>
                <h2 className="preview-title">{t('report.preview')}</h2>
                {model ? <ReportPreview model={model} /> : <p className="muted">{t('app.loading')}</p>}
              </aside>
            </div>
          </div>
        )}
      </div>
    </section>
  );
}
