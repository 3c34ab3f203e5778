/** The person using this computer: their name and role, which sign every record they write. */
import { USER_ROLES } from '../../../shared/domain/enums';
import { UserInput, type User } from '../../../shared/domain/mission';
import { api } from '../api/client';
import { roleEnum, useTranslation } from '../i18n';
import { EditActions, SelectField, TextField } from './fields';
import { useAppStore } from '../stores/app';
import { enumOptions } from './options';
import { useSettingsEdit } from './useSettingsEdit';

export function UserCard({ user }: { user: User }) {
  const { t } = useTranslation();
  const roles = roleEnum(useAppStore((s) => s.state?.mode));
  const { editing, setEditing, errors, save } = useSettingsEdit(UserInput, (values) => api('app.updateUser', values), t('common.saved'));

  return (
    <div className="card">
      <h2>{t('settings.user')}</h2>
      {editing ? (
        <form onSubmit={save} noValidate>
          <TextField
            label={t('setup.userName')}
            required
            value={editing.name}
            onChange={(name) => setEditing({ ...editing, name })}
            error={errors.name}
            name="userName"
            autoFocus
          />
          <SelectField
            label={t('setup.role')}
            value={editing.role}
            options={enumOptions(roles, USER_ROLES)}
            onChange={(role) => setEditing({ ...editing, role: role ?? 'staff' })}
            name="role"
          />
          <EditActions onCancel={() => setEditing(null)} />
        </form>
      ) : (
        <>
          <dl>
            <dt>{t('setup.userName')}</dt>
            <dd>{user.name}</dd>
            <dt>{t('setup.role')}</dt>
            <dd>{t(`enum.${roles}.${user.role}`)}</dd>
          </dl>
          <div className="actions">
            <button type="button" onClick={() => setEditing({ name: user.name, role: user.role })}>
              {t('common.edit')}
            </button>
          </div>
        </>
      )}
    </div>
  );
}
