/**
 * The quick activity form (the "new" shortcut, on every page). Title, kind and start date are
 * required; the rest is there when needed. What is typed is kept as a draft in the encrypted
 * database, so closing the form, a reload or a crash loses nothing typed.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ActivityFields, EMPTY_ACTIVITY, type Activity, type ActivityInput } from '../../../shared/domain/activity';
import { ACTIVITY_FORMATS, ACTIVITY_KINDS, ACTIVITY_STATUSES, type ActivityFormat, type ActivityKind, type ActivityStatus } from '../../../shared/domain/enums';
import { api } from '../api/client';
import { fetchChannel } from '../api/query';
import { todayIso } from '../format';
import { errorText, useTranslation } from '../i18n';
import { ActivityPartnerActions } from '../partners/ActivityPartnerActions';
import { OrganisationPicker } from '../partners/OrganisationPicker';
import { useAppStore } from '../stores/app';
import { discardDraft, keepDraft, loadDraft } from '../stores/drafts';
import { SelectField, TextField } from './fields';
import { DateField } from './DateField';
import { NumberField } from './NumberField';
import { Picker } from './Picker';
import { countryOptions, enumOptions, provinceOptions, sectorOptions } from './options';
import { useFieldErrors } from './useFieldErrors';
import { ErrorMessage } from './ErrorMessage';
import { Dialog } from './Dialog';
import { DraftNotice } from './DraftNotice';
import { formKeyDown, shortcutLabel } from './useShortcut';

export interface ActivityDraft {
  title: string;
  kind: ActivityKind | null;
  format: ActivityFormat | null;
  status: ActivityStatus;
  startDate: string;
  endDate: string;
  country: string;
  city: string;
  sectors: string[];
  provinces: string[];
  organisationIds: string[];
  businessesSupported: number | null;
  dealValueUsd: number | null;
  outcomes: string;
  followUps: string;
  notes: string;
  owner: string;
}

function emptyDraft(country: string, owner: string): ActivityDraft {
  return { ...EMPTY_ACTIVITY, kind: null, startDate: todayIso(), endDate: '', country, owner };
}

function fromActivity(a: Activity): ActivityDraft {
  return { ...a, endDate: a.endDate ?? '', country: a.country ?? '' };
}

/** The draft as the contract's input: empty optional values become null. */
export function draftToInput(d: ActivityDraft): ActivityInput {
  return {
    ...d,
    kind: (d.kind ?? undefined) as ActivityKind,
    startDate: d.startDate || (undefined as unknown as string),
    endDate: d.endDate || null,
    country: d.country || null,
  };
}

const draftKey = (id: string | null) => `activity:${id ?? 'new'}`;

interface Props {
  activityId: string | null;
  onClose(): void;
  onSaved(activity: Activity): void;
  onDeleted(activity: Activity): void;
}

export function ActivityForm({ activityId, onClose, onSaved, onDeleted }: Props) {
  const { t } = useTranslation();
  const state = useAppStore((s) => s.state);
  const notify = useAppStore((s) => s.notify);
  const { errors, check, fromError, clear } = useFieldErrors();
  const [draft, setDraft] = useState<ActivityDraft | null>(null);
  const [original, setOriginal] = useState<Activity | null>(null);
  const [restored, setRestored] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const titleRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let cancelled = false;
    const start = async () => {
      const [activity, saved] = await Promise.all([
        activityId ? fetchChannel('activity.get', { id: activityId }) : null,
        loadDraft<ActivityDraft>(draftKey(activityId)),
      ]);
      if (cancelled) return;
      setOriginal(activity);
      setRestored(Boolean(saved));
      setDraft(saved ?? (activity ? fromActivity(activity) : emptyDraft(state?.mission?.country ?? '', state?.user?.name ?? '')));
    };
    start().catch((error: unknown) => setFailure(errorText(error)));
    return () => {
      cancelled = true;
    };
  }, [activityId, state]);

  const focusTitle = () => titleRef.current?.querySelector('input')?.focus();
  useEffect(() => {
    if (draft) focusTitle();
    // Focus the title once, when the form opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [draft === null]);

  function update(patch: Partial<ActivityDraft>) {
    setDraft((d) => {
      const next = { ...d!, ...patch };
      keepDraft(draftKey(activityId), next);
      return next;
    });
    for (const key of Object.keys(patch)) clear(key);
  }

  function dropDraft() {
    void discardDraft(draftKey(activityId));
    setRestored(false);
    setDraft(original ? fromActivity(original) : emptyDraft(state?.mission?.country ?? '', state?.user?.name ?? ''));
  }

  async function save(event?: FormEvent) {
    event?.preventDefault();
    if (!draft || busy) return;
    const input = draftToInput(draft);
    if (!check(ActivityFields, input)) return;
    setBusy(true);
    setFailure(null);
    try {
      const saved = activityId ? await api('activity.update', { id: activityId, values: input }) : await api('activity.create', input);
      void discardDraft(draftKey(activityId));
      notify({ kind: 'info', text: t(activityId ? 'activity.updated' : 'activity.created') });
      onSaved(saved);
    } catch (error) {
      if (!fromError(error)) setFailure(errorText(error));
    } finally {
      setBusy(false);
    }
  }

  async function remove() {
    if (!original) return;
    try {
      await api('activity.delete', { id: original.id });
      void discardDraft(draftKey(activityId));
      onDeleted(original);
    } catch (error) {
      setFailure(errorText(error));
    }
  }

  return (
    <Dialog shape="drawer" labelledBy="activity-form-title" onClose={onClose}>
      <form className="drawer" onSubmit={save} noValidate autoComplete="off" onKeyDown={(e) => formKeyDown(e, { close: onClose, save: () => void save() })}>
        <header className="drawer-head">
          <h2 id="activity-form-title">{t(activityId ? 'activity.editTitle' : 'activity.createTitle')}</h2>
          <button type="button" className="icon" aria-label={t('common.close')} onClick={onClose}>
            ×
          </button>
        </header>
        {restored && <DraftNotice text={t('activity.draftRestored')} onDiscard={dropDraft} />}
        <ErrorMessage text={failure} />
        {draft && (
          <div className="drawer-body">
            <div ref={titleRef}>
              <TextField
                label={t('activity.title')}
                required
                value={draft.title}
                onChange={(title) => update({ title })}
                error={errors.title}
                placeholder={t('activity.titleHint')}
                name="title"
                wide
              />
            </div>
            <div className="grid-2">
              <SelectField
                label={t('activity.kind')}
                required
                value={draft.kind}
                options={enumOptions('activityKind', ACTIVITY_KINDS)}
                onChange={(kind) => update({ kind })}
                error={errors.kind}
                emptyLabel={t('activity.selectPlaceholder')}
                name="kind"
              />
              <SelectField
                label={t('activity.format')}
                value={draft.format}
                options={enumOptions('activityFormat', ACTIVITY_FORMATS)}
                onChange={(format) => update({ format })}
                error={errors.format}
                emptyLabel="—"
                name="format"
              />
              <DateField
                label={t('activity.startDate')}
                required
                value={draft.startDate}
                onChange={(startDate) => update({ startDate })}
                error={errors.startDate}
                name="startDate"
              />
              <DateField
                label={t('activity.endDate')}
                value={draft.endDate}
                onChange={(endDate) => update({ endDate })}
                error={errors.endDate}
                name="endDate"
              />
              <SelectField
                label={t('activity.status')}
                value={draft.status}
                options={enumOptions('activityStatus', ACTIVITY_STATUSES)}
                onChange={(status) => update({ status: status ?? 'done' })}
                name="status"
              />
              <TextField label={t('activity.owner')} value={draft.owner} onChange={(owner) => update({ owner })} error={errors.owner} name="owner" />
              <Picker
                label={t('activity.country')}
                single
                options={countryOptions()}
                selected={draft.country ? [draft.country] : []}
                onChange={(v) => update({ country: v[0] ?? '' })}
                name="country"
              />
              <TextField label={t('activity.city')} value={draft.city} onChange={(city) => update({ city })} error={errors.city} name="city" />
            </div>
            <Picker
              label={t('activity.provinces')}
              hint={t('activity.provincesHint')}
              options={provinceOptions()}
              selected={draft.provinces}
              onChange={(provinces) => update({ provinces })}
              name="provinces"
            />
            <Picker
              label={t('activity.sectors')}
              options={sectorOptions()}
              selected={draft.sectors}
              onChange={(sectors) => update({ sectors })}
              name="sectors"
            />
            <OrganisationPicker selected={draft.organisationIds} onChange={(organisationIds) => update({ organisationIds })} />
            <div className="grid-2">
              <NumberField
                label={t('activity.businessesSupported')}
                value={draft.businessesSupported}
                onChange={(businessesSupported) => update({ businessesSupported })}
                error={errors.businessesSupported}
                name="businessesSupported"
              />
              <NumberField
                label={t('activity.dealValueUsd')}
                value={draft.dealValueUsd}
                onChange={(dealValueUsd) => update({ dealValueUsd })}
                error={errors.dealValueUsd}
                name="dealValueUsd"
              />
            </div>
            <TextField
              label={t('activity.outcomes')}
              multiline
              value={draft.outcomes}
              onChange={(outcomes) => update({ outcomes })}
              error={errors.outcomes}
              name="outcomes"
              wide
            />
            <TextField
              label={t('activity.followUps')}
              multiline
              value={draft.followUps}
              onChange={(followUps) => update({ followUps })}
              error={errors.followUps}
              name="followUps"
              wide
            />
            <TextField
              label={t('activity.notes')}
              multiline
              value={draft.notes}
              onChange={(notes) => update({ notes })}
              error={errors.notes}
              name="notes"
              wide
            />
          </div>
        )}
        <footer className="drawer-foot">
          {original && (
            <button type="button" className="danger" onClick={() => void remove()}>
              {t('common.delete')}
            </button>
          )}
          {original && <ActivityPartnerActions activityId={original.id} title={original.title} onLeave={onClose} />}
          <span className="spacer" />
          <kbd className="muted small">{shortcutLabel('save')}</kbd>
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary" disabled={busy || !draft}>
            {busy ? t('common.saving') : t('common.save')}
          </button>
        </footer>
      </form>
    </Dialog>
  );
}
