/** Add or edit a follow-up, optionally about one record (an organisation, an agreement...). */
import { useState } from 'react';
import { useDraftState } from '../components/useDraftState';
import type { Entity } from '../../../shared/domain/enums';
import { FollowupFields, type Followup, type FollowupInput } from '../../../shared/domain/followup';
import { api } from '../api/client';
import { TextField } from '../components/fields';
import { DateField } from '../components/DateField';
import { useFieldErrors } from '../components/useFieldErrors';
import { errorText, useTranslation } from '../i18n';
import { useAppStore } from '../stores/app';
import { DrawerForm } from './shared';

export interface FollowupAbout {
  entity: Entity;
  recordId: string;
  title: string;
}

export function FollowupForm(props: { followup: Followup | null; about: FollowupAbout | null; onClose(): void; onSaved(): void }) {
  const { followup } = props;
  const { t } = useTranslation();
  const notify = useAppStore((s) => s.notify);
  const owner = useAppStore((s) => s.state?.user?.name ?? '');
  const { errors, check, fromError, clear } = useFieldErrors();
  const form = useDraftState(`followup:${followup?.id ?? 'new'}`, () =>
    followup
      ? { title: followup.title, dueDate: followup.dueDate, owner: followup.owner, notes: followup.notes }
      : { title: '', dueDate: '', owner, notes: '' },
  );
  const draft = form.values;
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const about = followup?.entity ? { entity: followup.entity, recordId: followup.recordId! } : props.about;

  function update(patch: Partial<typeof draft>) {
    form.update(patch);
    for (const key of Object.keys(patch)) clear(key);
  }

  async function save() {
    const input: FollowupInput = {
      ...draft,
      dueDate: draft.dueDate || (undefined as unknown as string),
      entity: about?.entity ?? null,
      recordId: about?.recordId ?? null,
    };
    if (!check(FollowupFields, input) || busy) return;
    setBusy(true);
    setFailure(null);
    try {
      if (followup) await api('followup.update', { id: followup.id, values: input });
      else await api('followup.create', input);
      form.forget();
      notify({ kind: 'info', text: t(followup ? 'organisation.updated' : 'followup.created') });
      props.onSaved();
    } catch (error) {
      if (!fromError(error)) setFailure(errorText(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <DrawerForm title={t('followup.new')} failure={failure} busy={busy} onSave={() => void save()} onClose={props.onClose} draft={form}>
      {props.about && (
        <p className="muted">
          {t('followup.about')}: <strong>{props.about.title}</strong>
        </p>
      )}
      <TextField
        label={t('followup.title')}
        required
        autoFocus
        value={draft.title}
        onChange={(title) => update({ title })}
        error={errors.title}
        name="followupTitle"
      />
      <div className="grid-2">
        <DateField
          label={t('followup.dueDate')}
          required
          value={draft.dueDate}
          onChange={(dueDate) => update({ dueDate })}
          error={errors.dueDate}
          name="followupDue"
        />
        <TextField label={t('followup.owner')} value={draft.owner} onChange={(o) => update({ owner: o })} error={errors.owner} name="followupOwner" />
      </div>
      <TextField label={t('followup.notes')} multiline value={draft.notes} onChange={(notes) => update({ notes })} error={errors.notes} name="followupNotes" />
    </DrawerForm>
  );
}
