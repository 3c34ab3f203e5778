/**
 * An agreement: its fields, and once saved, its dated implementation log. Opened empty,
 * on an existing agreement, or pre-filled from the activity where it was signed.
 */
import { useEffect, useState } from 'react';
import { AgreementFields, type AgreementDetail, type AgreementInput } from '../../../shared/domain/agreement';
import { AGREEMENT_KINDS, AGREEMENT_STATUSES, type AgreementKind, type AgreementStatus } from '../../../shared/domain/enums';
import { SECTORS } from '../../../shared/reference';
import { api } from '../api/client';
import { fetchChannel } from '../api/query';
import { SelectField, TextField } from '../components/fields';
import { DateField } from '../components/DateField';
import { NumberField } from '../components/NumberField';
import { Picker } from '../components/Picker';
import { enumOptions, provinceOptions, sectorLabel } from '../components/options';
import { useFieldErrors } from '../components/useFieldErrors';
import { formatDate, todayIso } from '../format';
import { errorText, useTranslation } from '../i18n';
import { useAppStore } from '../stores/app';
import { FollowupForm } from './FollowupForm';
import { OrganisationPicker } from './OrganisationPicker';
import { DrawerForm } from './shared';
import { discardDraft, keepDraft, loadDraft } from '../stores/drafts';

interface Draft {
  title: string;
  kind: AgreementKind | null;
  signedDate: string;
  vnParty: string;
  provinceId: string | null;
  foreignOrgId: string | null;
  valueUsd: number | null;
  sector: string | null;
  activityId: string | null;
  status: AgreementStatus;
  nextReviewDate: string;
  notes: string;
}

function toDraft(a: AgreementInput): Draft {
  return {
    title: a.title ?? '',
    kind: a.kind ?? null,
    signedDate: a.signedDate ?? '',
    vnParty: a.vnParty ?? '',
    provinceId: a.provinceId ?? null,
    foreignOrgId: a.foreignOrgId ?? null,
    valueUsd: a.valueUsd ?? null,
    sector: a.sector ?? null,
    activityId: a.activityId ?? null,
    status: a.status ?? 'signed',
    nextReviewDate: a.nextReviewDate ?? '',
    notes: a.notes ?? '',
  };
}

interface Props {
  agreementId: string | null;
  /** A new agreement signed at this activity: the form is pre-filled from it. */
  fromActivity?: string;
  onClose(): void;
  onChanged(): void;
}

export function AgreementDrawer({ agreementId, fromActivity, onClose, onChanged }: Props) {
  const { t } = useTranslation();
  const notify = useAppStore((s) => s.notify);
  const { errors, check, fromError, clear } = useFieldErrors();
  const [detail, setDetail] = useState<AgreementDetail | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [activityTitle, setActivityTitle] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [logDate, setLogDate] = useState(todayIso());
  const [logText, setLogText] = useState('');
  const [addingFollowup, setAddingFollowup] = useState(false);
  const [restored, setRestored] = useState(false);
  const draftKey = `agreement:${agreementId ?? (fromActivity ? `from-${fromActivity}` : 'new')}`;

  async function loadDetail(id: string) {
    const d = await fetchChannel('agreement.get', { id });
    setDetail(d);
    setActivityTitle(d.activityTitle);
    return d;
  }

  /** The record (or the empty form, or the activity's prefill), with the kept draft `saved` over it. */
  async function start(saved: Draft | null) {
    if (saved) {
      if (agreementId) await loadDetail(agreementId);
      else if (fromActivity) setActivityTitle((await fetchChannel('activity.get', { id: fromActivity })).title);
      setDraft(saved);
      setRestored(true);
      return;
    }
    setRestored(false);
    if (!agreementId && !fromActivity) setDraft(toDraft({ title: '', kind: 'mou' } as AgreementInput));
    if (agreementId) setDraft(toDraft(await loadDetail(agreementId)));
    else if (fromActivity) {
      const [prefill, activity] = await Promise.all([
        fetchChannel('agreement.draftFromActivity', { activityId: fromActivity }),
        fetchChannel('activity.get', { id: fromActivity }),
      ]);
      setDraft(toDraft(prefill));
      setActivityTitle(activity.title);
    }
  }

  useEffect(() => {
    loadDraft<Draft>(draftKey)
      .then(start)
      .catch((error: unknown) => setFailure(errorText(error)));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [agreementId, fromActivity]);

  function update(patch: Partial<Draft>) {
    setDraft((d) => {
      const next = { ...d!, ...patch };
      keepDraft(draftKey, next);
      return next;
    });
    for (const key of Object.keys(patch)) clear(key);
  }

  async function save() {
    if (!draft || busy) return;
    const input: AgreementInput = {
      ...draft,
      kind: (draft.kind ?? undefined) as AgreementKind,
      signedDate: draft.signedDate || null,
      nextReviewDate: draft.nextReviewDate || null,
    };
    if (!check(AgreementFields, input)) return;
    setBusy(true);
    setFailure(null);
    try {
      if (detail) await api('agreement.update', { id: detail.id, values: input });
      else await api('agreement.create', input);
      void discardDraft(draftKey);
      notify({ kind: 'info', text: t(detail ? 'agreement.updated' : 'agreement.created') });
      onChanged();
    } catch (error) {
      if (!fromError(error)) setFailure(errorText(error));
    } finally {
      setBusy(false);
    }
  }

  async function remove() {
    if (!detail) return;
    try {
      await api('agreement.delete', { id: detail.id });
      void discardDraft(draftKey);
      notify({
        kind: 'info',
        text: t('agreement.deleted', { title: detail.title }),
        action: { label: t('common.undo'), run: () => void api('agreement.restore', { id: detail.id }) },
      });
      onChanged();
    } catch (error) {
      setFailure(errorText(error));
    }
  }

  async function addLog() {
    if (!detail || !logText.trim()) return;
    try {
      await api('agreement.addLog', { agreementId: detail.id, entryDate: logDate, text: logText });
      setLogText('');
      await loadDetail(detail.id);
    } catch (error) {
      setFailure(errorText(error));
    }
  }

  const log = detail && (
    <section className="agreement-log" aria-label={t('agreement.log')}>
      <div className="section-head">
        <h3>{t('agreement.log')}</h3>
        <button type="button" onClick={() => setAddingFollowup(true)}>
          + {t('followup.new')}
        </button>
      </div>
      {addingFollowup && (
        <FollowupForm
          followup={null}
          about={{ entity: 'agreement', recordId: detail.id, title: detail.title }}
          onClose={() => setAddingFollowup(false)}
          onSaved={() => setAddingFollowup(false)}
        />
      )}
      <div className="log-add">
        <DateField label={t('agreement.logDate')} value={logDate} onChange={setLogDate} name="logDate" />
        <TextField label={t('agreement.logText')} value={logText} onChange={setLogText} name="logText" />
        <button type="button" onClick={() => void addLog()} disabled={!logText.trim()}>
          {t('agreement.logAdd')}
        </button>
      </div>
      {detail.log.length === 0 ? (
        <p className="muted">{t('agreement.logEmpty')}</p>
      ) : (
        <ol className="log-list">
          {detail.log.map((entry) => (
            <li key={entry.id}>
              <span className="log-date">{formatDate(entry.entryDate)}</span>
              <span>{entry.text}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );

  return (
    <DrawerForm
      title={t(detail ? 'agreement.editTitle' : 'agreement.createTitle')}
      failure={failure}
      busy={busy || !draft}
      onSave={() => void save()}
      onClose={onClose}
      onDelete={detail ? () => void remove() : undefined}
      extra={log}
      draft={{
        restored,
        drop: () => {
          void discardDraft(draftKey);
          start(null).catch((error: unknown) => setFailure(errorText(error)));
        },
      }}
    >
      {draft && (
        <>
          {fromActivity && activityTitle && <div className="notice notice-inline">{t('agreement.fromActivityNote', { title: activityTitle })}</div>}
          <TextField
            label={t('agreement.title')}
            required
            autoFocus
            value={draft.title}
            onChange={(title) => update({ title })}
            error={errors.title}
            placeholder={t('agreement.titleHint')}
            name="agreementTitle"
          />
          <div className="grid-2">
            <SelectField
              label={t('agreement.kind')}
              required
              value={draft.kind}
              options={enumOptions('agreementKind', AGREEMENT_KINDS)}
              onChange={(kind) => update({ kind })}
              error={errors.kind}
              emptyLabel="—"
              name="agreementKind"
            />
            <SelectField
              label={t('agreement.status')}
              value={draft.status}
              options={enumOptions('agreementStatus', AGREEMENT_STATUSES)}
              onChange={(status) => update({ status: status ?? 'signed' })}
              name="agreementStatus"
            />
            <DateField
              label={t('agreement.signedDate')}
              value={draft.signedDate}
              onChange={(signedDate) => update({ signedDate })}
              error={errors.signedDate}
              name="signedDate"
            />
            <DateField
              label={t('agreement.nextReviewDate')}
              value={draft.nextReviewDate}
              onChange={(nextReviewDate) => update({ nextReviewDate })}
              error={errors.nextReviewDate}
              name="nextReviewDate"
            />
          </div>
          <TextField
            label={t('agreement.vnParty')}
            value={draft.vnParty}
            onChange={(vnParty) => update({ vnParty })}
            error={errors.vnParty}
            placeholder={t('agreement.vnPartyHint')}
            name="vnParty"
          />
          <div className="grid-2">
            <Picker
              label={t('agreement.province')}
              single
              options={provinceOptions()}
              selected={draft.provinceId ? [draft.provinceId] : []}
              onChange={(v) => update({ provinceId: v[0] ?? null })}
              name="agreementProvince"
            />
            <OrganisationPicker
              label={t('agreement.foreignOrg')}
              single
              selected={draft.foreignOrgId ? [draft.foreignOrgId] : []}
              onChange={(v) => update({ foreignOrgId: v[0] ?? null })}
              name="foreignOrg"
            />
            <NumberField
              label={t('agreement.valueUsd')}
              value={draft.valueUsd}
              onChange={(valueUsd) => update({ valueUsd })}
              error={errors.valueUsd}
              name="valueUsd"
            />
            <SelectField
              label={t('agreement.sector')}
              value={draft.sector}
              options={SECTORS.map((s) => ({ value: s.id, label: sectorLabel(s.id) }))}
              onChange={(sector) => update({ sector })}
              emptyLabel="—"
              name="agreementSector"
            />
          </div>
          {draft.activityId && (
            <p className="muted">
              {t('agreement.activity')}: <strong>{activityTitle}</strong>
            </p>
          )}
          <TextField
            label={t('agreement.notes')}
            multiline
            value={draft.notes}
            onChange={(notes) => update({ notes })}
            error={errors.notes}
            name="agreementNotes"
          />
        </>
      )}
    </DrawerForm>
  );
}
