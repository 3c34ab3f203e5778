/**
 * What this computer is set up for: the mission, and the names its documents print in the
 * header (Vietnamese and English names, governing body). Later reports use edited names;
 * a finalised report keeps the header it was signed under.
 */
import { z } from 'zod';
import { countryName } from '../../../shared/countries';
import { MissionInput, type Mission } from '../../../shared/domain/mission';
import { requiredText } from '../../../shared/domain/validation';
import { api } from '../api/client';
import { currentLanguage, useTranslation } from '../i18n';
import { EditActions, TextField } from './fields';
import { useSettingsEdit } from './useSettingsEdit';

const Names = z.object({ nameVi: MissionInput.shape.nameVi, nameEn: MissionInput.shape.nameEn, superiorBody: requiredText(200) });
type Names = z.infer<typeof Names>;

export function MissionCard({ mission, superiorBody }: { mission: Mission; superiorBody: string }) {
  const { t } = useTranslation();
  const { editing, setEditing, errors, save } = useSettingsEdit(
    Names,
    (names) => api('app.updateMission', { ...mission, ...names }),
    t('settings.missionSaved'),
  );

  return (
    <div className="card">
      <h2>{t('settings.mission')}</h2>
      {editing ? (
        <form onSubmit={save} noValidate>
          <TextField
            label={t('setup.nameVi')}
            hint={t('setup.nameViHint')}
            required
            name="nameVi"
            value={editing.nameVi}
            error={errors.nameVi}
            autoFocus
            onChange={(nameVi) => setEditing({ ...editing, nameVi })}
          />
          <TextField
            label={t('setup.nameEn')}
            hint={t('setup.nameEnHint')}
            required
            name="nameEn"
            value={editing.nameEn}
            error={errors.nameEn}
            onChange={(nameEn) => setEditing({ ...editing, nameEn })}
          />
          <TextField
            label={t('settings.superiorBody')}
            hint={t('settings.superiorBodyHint')}
            required
            name="superiorBody"
            value={editing.superiorBody}
            error={errors.superiorBody}
            onChange={(value) => setEditing({ ...editing, superiorBody: value })}
          />
          <EditActions onCancel={() => setEditing(null)} />
        </form>
      ) : (
        <>
          <dl>
            <dt>{t('setup.code')}</dt>
            <dd>{mission.code}</dd>
            <dt>{t('settings.superiorBody')}</dt>
            <dd>{superiorBody}</dd>
            <dt>{t('setup.nameVi')}</dt>
            <dd>{mission.nameVi}</dd>
            <dt>{t('setup.nameEn')}</dt>
            <dd>{mission.nameEn}</dd>
            <dt>{t('setup.kind')}</dt>
            <dd>{t(`enum.missionKind.${mission.kind}`)}</dd>
            <dt>{t('setup.country')}</dt>
            <dd>
              {countryName(mission.country, currentLanguage())}, {mission.city}
            </dd>
          </dl>
          <div className="actions">
            <button type="button" onClick={() => setEditing({ nameVi: mission.nameVi, nameEn: mission.nameEn, superiorBody })}>
              {t('settings.editMission')}
            </button>
          </div>
        </>
      )}
    </div>
  );
}
