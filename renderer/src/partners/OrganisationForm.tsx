/** Add or edit an organisation; warns when one with the same name exists already. */
import { useEffect, useState } from 'react';
import { ORGANISATION_KINDS, type OrganisationKind } from '../../../shared/domain/enums';
import { OrganisationFields, type Organisation, type OrganisationInput } from '../../../shared/domain/organisation';
import { api } from '../api/client';
import { useChannel } from '../api/query';
import { SelectField, TextField } from '../components/fields';
import { Picker } from '../components/Picker';
import { countryOptions, enumOptions, sectorOptions } from '../components/options';
import { useFieldErrors } from '../components/useFieldErrors';
import { useDraftState } from '../components/useDraftState';
import { errorText, useTranslation } from '../i18n';
import { useAppStore } from '../stores/app';
import { DrawerForm } from './shared';

interface Draft {
  name: string;
  kind: OrganisationKind;
  country: string;
  sectors: string[];
  website: string;
  address: string;
  notes: string;
}

export function OrganisationForm({ organisation, onClose, onSaved }: { organisation: Organisation | null; onClose(): void; onSaved(o: Organisation): void }) {
  const { t } = useTranslation();
  const notify = useAppStore((s) => s.notify);
  const missionCountry = useAppStore((s) => s.state?.mission?.country ?? '');
  const { errors, check, fromError, clear } = useFieldErrors();
  const form = useDraftState<Draft>(`organisation:${organisation?.id ?? 'new'}`, () =>
    organisation
      ? {
          name: organisation.name,
          kind: organisation.kind,
          country: organisation.country ?? '',
          sectors: organisation.sectors,
          website: organisation.website,
          address: organisation.address,
          notes: organisation.notes,
        }
      : { name: '', kind: 'company', country: missionCountry, sectors: [], website: '', address: '', notes: '' },
  );
  const draft = form.values;
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  // A new record whose name matches an existing one (diacritics and case ignored) gets a warning.
  const [checked, setChecked] = useState({ name: '', country: '' });
  useEffect(() => {
    const handle = setTimeout(() => setChecked({ name: draft.name.trim(), country: draft.country }), 250);
    return () => clearTimeout(handle);
  }, [draft.name, draft.country]);
  const checking = !organisation && checked.name !== '';
  const found = useChannel('organisation.duplicates', { name: checked.name, country: checked.country || null }, { enabled: checking }).data;
  const duplicates = checking && draft.name.trim() ? (found ?? []).map((o) => o.name) : [];

  function update(patch: Partial<Draft>) {
    form.update(patch);
    for (const key of Object.keys(patch)) clear(key);
  }

  async function save() {
    const input: OrganisationInput = { ...draft, country: draft.country || null };
    if (!check(OrganisationFields, input) || busy) return;
    setBusy(true);
    setFailure(null);
    try {
      const saved = organisation ? await api('organisation.update', { id: organisation.id, values: input }) : await api('organisation.create', input);
      form.forget();
      notify({ kind: 'info', text: t(organisation ? 'organisation.updated' : 'organisation.created') });
      onSaved(saved);
    } catch (error) {
      if (!fromError(error)) setFailure(errorText(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <DrawerForm
      title={t(organisation ? 'organisation.editTitle' : 'organisation.createTitle')}
      failure={failure}
      busy={busy}
      onSave={() => void save()}
      onClose={onClose}
      draft={form}
    >
      <TextField
        label={t('organisation.name')}
        required
        autoFocus
        value={draft.name}
        onChange={(name) => update({ name })}
        error={errors.name}
        placeholder={t('organisation.nameHint')}
        name="orgName"
      />
      {duplicates.length > 0 && (
        <div className="notice notice-inline" role="status">
          {t('organisation.duplicateWarning', { names: duplicates.join('; ') })}
        </div>
      )}
      <div className="grid-2">
        <SelectField
          label={t('organisation.kind')}
          required
          value={draft.kind}
          options={enumOptions('organisationKind', ORGANISATION_KINDS)}
          onChange={(kind) => update({ kind: kind ?? 'other' })}
          name="orgKind"
        />
        <Picker
          label={t('organisation.country')}
          single
          options={countryOptions()}
          selected={draft.country ? [draft.country] : []}
          onChange={(v) => update({ country: v[0] ?? '' })}
          name="orgCountry"
        />
      </div>
      <Picker
        label={t('organisation.sectors')}
        options={sectorOptions()}
        selected={draft.sectors}
        onChange={(sectors) => update({ sectors })}
        name="orgSectors"
      />
      <div className="grid-2">
        <TextField
          label={t('organisation.website')}
          value={draft.website}
          onChange={(website) => update({ website })}
          error={errors.website}
          name="orgWebsite"
        />
        <TextField
          label={t('organisation.address')}
          value={draft.address}
          onChange={(address) => update({ address })}
          error={errors.address}
          name="orgAddress"
        />
      </div>
      <TextField label={t('organisation.notes')} multiline value={draft.notes} onChange={(notes) => update({ notes })} error={errors.notes} name="orgNotes" />
    </DrawerForm>
  );
}
