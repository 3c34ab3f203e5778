/** The person using this computer: their name and role, which sign every record they write. */
import { useState, type FormEvent } from 'react';
import { USER_ROLES, type UserRole } from '../../../shared/domain/enums';
import { UserInput, type User } from '../../../shared/domain/mission';
import { api } from '../api/client';
import { errorText, useTranslation } from '../i18n';
import { useAppStore } from '../stores/app';
import { EditActions, SelectField, TextField } from './fields';
import { enumOptions } from './options';
import { useFieldErrors } from './useFieldErrors';

export function UserCard({ user }: { user: User }) {
  const { t } = useTranslation();
  const setState = useAppStore((s) => s.setState);
  const notify = useAppStore((s) => s.notify);
  const { errors, check, fromError } = useFieldErrors();
  const [editing, setEditing] = useState<{ name: string; role: UserRole } | null>(null);

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!editing || !check(UserInput, editing)) return;
    try {
      setState(await api('app.updateUser', editing));
      setEditing(null);
      notify({ kind: 'info', text: t('common.saved') });
    } catch (error) {
      if (!fromError(error)) notify({ kind: 'error', text: errorText(error) });
    }
  }

  return (
    <div className="card">
      <h2>{t('settings.user')}</h2>
      {editing ? (
        <form onSubmit={save} noValidate>
          <TextField label={t('setup.userName')} required value={editing.name} onChange={(name) => setEditing({ ...editing, name })} error={errors.name} name="userName" autoFocus />
          <SelectField label={t('setup.role')} value={editing.role} options={enumOptions('role', USER_ROLES)} onChange={(role) => setEditing({ ...editing, role: role ?? 'staff' })} name="role" />
          <EditActions onCancel={() => setEditing(null)} />
        </form>
      ) : (
        <>
          <dl>
            <dt>{t('setup.userName')}</dt>
            <dd>{user.name}</dd>
            <dt>{t('setup.role')}</dt>
            <dd>{t(`enum.role.${user.role}`)}</dd>
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
