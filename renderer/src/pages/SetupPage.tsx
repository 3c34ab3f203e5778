/** First start: the mission this computer belongs to, and who uses it. */
import { useState, type FormEvent } from 'react';
import { DEVICE_MODES, MISSION_KINDS, USER_ROLES, type DeviceMode, type MissionKind, type UserRole } from '../../../shared/domain/enums';
import { SetupInput } from '../../../shared/domain/mission';
import { api } from '../api/client';
import { Picker } from '../components/Picker';
import { enumOptions, countryOptions } from '../components/options';
import { SelectField, TextField } from '../components/fields';
import { useFieldErrors } from '../components/useFieldErrors';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { errorText, roleEnum, useTranslation } from '../i18n';
import { useAppStore } from '../stores/app';
import { ErrorMessage } from '../components/ErrorMessage';
import { JoinInvitation } from '../exchange/JoinInvitation';

export function SetupPage() {
  const { t } = useTranslation();
  const setState = useAppStore((s) => s.setState);
  const { errors, check, fromError } = useFieldErrors();
  const [mode, setMode] = useState<DeviceMode>('mission');
  const [mission, setMission] = useState({ code: '', nameVi: '', nameEn: '', kind: 'embassy' as MissionKind, country: '', city: '' });
  const [user, setUser] = useState({ name: '', role: 'staff' as UserRole });
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  // A staff computer joins with the head's invitation instead of typing the mission.
  const [joining, setJoining] = useState(false);

  const setM = (patch: Partial<typeof mission>) => setMission((m) => ({ ...m, ...patch }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const input = { mode, mission, user };
    if (!check(SetupInput, input)) return;
    setBusy(true);
    setFailure(null);
    try {
      setState(await api('app.setup', input));
    } catch (error) {
      if (!fromError(error)) setFailure(errorText(error));
    } finally {
      setBusy(false);
    }
  }

  const head = (
    <div className="setup-head">
      <div>
        <h1>{joining ? t('enrol.joinTitle') : t('setup.title')}</h1>
        {!joining && <p className="muted">{t('setup.intro')}</p>}
      </div>
      <LanguageSwitch />
    </div>
  );
  if (joining) {
    return (
      <main className="setup">
        <div className="setup-card">
          {head}
          <JoinInvitation onManual={() => setJoining(false)} />
        </div>
      </main>
    );
  }

  return (
    <main className="setup">
      <form className="setup-card" onSubmit={submit} noValidate>
        {head}
        <div className="setup-join">
          <button type="button" onClick={() => setJoining(true)}>
            {t('enrol.joinTitle')}
          </button>
          <span className="muted">{t('enrol.joinShort')}</span>
        </div>
        <SelectField label={t('setup.mode')} value={mode} options={enumOptions('mode', DEVICE_MODES)} onChange={(v) => setMode(v ?? 'mission')} name="mode" />
        <fieldset>
          <legend>{t('setup.missionSection')}</legend>
          <div className="grid-2">
            <TextField
              label={t('setup.code')}
              required
              hint={t('setup.codeHint')}
              value={mission.code}
              onChange={(code) => setM({ code })}
              error={errors['mission.code']}
              name="code"
              autoFocus
            />
            <SelectField
              label={t('setup.kind')}
              required
              value={mission.kind}
              options={enumOptions('missionKind', MISSION_KINDS)}
              onChange={(v) => setM({ kind: v ?? 'embassy' })}
              error={errors['mission.kind']}
              name="kind"
            />
            <TextField
              label={t('setup.nameVi')}
              required
              hint={t('setup.nameViHint')}
              value={mission.nameVi}
              onChange={(nameVi) => setM({ nameVi })}
              error={errors['mission.nameVi']}
              name="nameVi"
              wide
            />
            <TextField
              label={t('setup.nameEn')}
              required
              hint={t('setup.nameEnHint')}
              value={mission.nameEn}
              onChange={(nameEn) => setM({ nameEn })}
              error={errors['mission.nameEn']}
              name="nameEn"
              wide
            />
            <div className={errors['mission.country'] ? 'field-invalid' : ''}>
              <Picker
                label={`${t('setup.country')} *`}
                single
                options={countryOptions()}
                selected={mission.country ? [mission.country] : []}
                onChange={(v) => setM({ country: v[0] ?? '' })}
                name="country"
              />
              {errors['mission.country'] && (
                <div className="field-error" role="alert">
                  {t(`validation.${errors['mission.country']}`)}
                </div>
              )}
            </div>
            <TextField label={t('setup.city')} required value={mission.city} onChange={(city) => setM({ city })} error={errors['mission.city']} name="city" />
          </div>
        </fieldset>
        <fieldset>
          <legend>{t('setup.userSection')}</legend>
          <div className="grid-2">
            <TextField
              label={t('setup.userName')}
              required
              value={user.name}
              onChange={(name) => setUser((u) => ({ ...u, name }))}
              error={errors['user.name']}
              name="userName"
            />
            <SelectField
              label={t('setup.role')}
              required
              value={user.role}
              options={enumOptions(roleEnum(mode), USER_ROLES)}
              onChange={(role) => setUser((u) => ({ ...u, role: role ?? 'staff' }))}
              name="role"
            />
          </div>
        </fieldset>
        <ErrorMessage text={failure} />
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t('common.saving') : t('setup.submit')}
          </button>
        </div>
      </form>
    </main>
  );
}
