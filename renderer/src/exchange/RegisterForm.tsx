/** HQ: add, change or remove a mission of the register of expected missions. */
import { useState } from 'react';
import type { RegisterEntry } from '../../../shared/contract/register';
import { MISSION_KINDS, type MissionKind } from '../../../shared/domain/enums';
import { MissionInput } from '../../../shared/domain/mission';
import { api } from '../api/client';
import { confirm } from '../components/confirm';
import { SelectField, TextField } from '../components/fields';
import { Picker } from '../components/Picker';
import { countryOptions, enumOptions } from '../components/options';
import { useFieldErrors } from '../components/useFieldErrors';
import { errorText, useTranslation } from '../i18n';
import { DrawerForm } from '../partners/shared';
import { useAppStore } from '../stores/app';

type Draft = Omit<RegisterEntry, 'region' | 'kind'> & { kind: MissionKind };

/** `entry` null: a new mission; `registered` false: a mission heard from, to add under its code. */
export function RegisterForm({ entry, registered, onClose, onSaved }: { entry: Draft | null; registered: boolean; onClose(): void; onSaved(): void }) {
  const { t } = useTranslation();
  const notify = useAppStore((s) => s.notify);
  const { errors, check, fromError, clear } = useFieldErrors();
  const [draft, setDraft] = useState<Draft>(entry ?? { code: '', nameVi: '', nameEn: '', kind: 'embassy', country: '', city: '' });
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const editing = entry !== null && registered;

  const update = (patch: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    for (const key of Object.keys(patch)) clear(key);
  };
  const run = async (work: () => Promise<unknown>, done: string) => {
    setBusy(true);
    setFailure(null);
    try {
      await work();
      notify({ kind: 'info', text: t(done, { code: draft.code.trim().toUpperCase() }) });
      onSaved();
    } catch (error) {
      if (!fromError(error)) setFailure(errorText(error));
    } finally {
      setBusy(false);
    }
  };
  const save = () => {
    if (!check(MissionInput, draft) || busy) return;
    void run(
      () => (editing ? api('hq.register.edit', { code: entry.code, values: draft }) : api('hq.register.add', draft)),
      editing ? 'exchange.registerUpdated' : 'exchange.registerAdded',
    );
  };
  const remove = async () => {
    if (!(await confirm({ message: t('exchange.registerRemoveQuestion', { code: entry!.code }), confirmLabel: t('common.delete'), danger: true }))) return;
    void run(() => api('hq.register.remove', { code: entry!.code }), 'exchange.registerRemoved');
  };

  return (
    <DrawerForm
      title={t(editing ? 'exchange.registerEditTitle' : 'exchange.registerAddTitle')}
      failure={failure}
      busy={busy}
      onSave={save}
      onClose={onClose}
      onDelete={editing ? () => void remove() : undefined}
    >
      <p className="muted">{t('exchange.registerHint')}</p>
      <div className="grid-2">
        <TextField
          label={t('exchange.registerCode')}
          required
          autoFocus
          value={draft.code}
          onChange={(code) => update({ code })}
          error={errors.code}
          name="registerCode"
        />
        <SelectField
          label={t('exchange.registerKind')}
          required
          value={draft.kind}
          options={enumOptions('missionKind', MISSION_KINDS)}
          onChange={(kind) => update({ kind: kind ?? 'other' })}
          name="registerKind"
        />
      </div>
      <TextField
        label={t('exchange.registerNameVi')}
        required
        value={draft.nameVi}
        onChange={(nameVi) => update({ nameVi })}
        error={errors.nameVi}
        name="registerNameVi"
      />
      <TextField
        label={t('exchange.registerNameEn')}
        required
        value={draft.nameEn}
        onChange={(nameEn) => update({ nameEn })}
        error={errors.nameEn}
        name="registerNameEn"
      />
      <div className="grid-2">
        <Picker
          label={t('exchange.registerCountry')}
          single
          options={countryOptions()}
          selected={draft.country ? [draft.country] : []}
          onChange={(v) => update({ country: v[0] ?? '' })}
          name="registerCountry"
        />
        <TextField
          label={t('exchange.registerCity')}
          required
          value={draft.city}
          onChange={(city) => update({ city })}
          error={errors.city}
          name="registerCity"
        />
      </div>
    </DrawerForm>
  );
}
