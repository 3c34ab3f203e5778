/** The head invites a staff computer: a signed invitation file, and the invitations written so far. */
import { useState, type FormEvent } from 'react';
import { contract } from '../../../shared/contract';
import type { InvitationInfo } from '../../../shared/domain/enrol';
import { api, downloadText } from '../api/client';
import { useChannel } from '../api/query';
import { ErrorMessage } from '../components/ErrorMessage';
import { SelectField, TextField } from '../components/fields';
import { useFieldErrors } from '../components/useFieldErrors';
import { formatDate } from '../format';
import { errorText, useTranslation } from '../i18n';
import { useAppStore } from '../stores/app';
import { Steps } from './Steps';

/** How long an invitation stays valid: long enough to reach a colleague abroad, short enough to be lost safely. */
const DAYS = ['3', '7', '14', '30', '90'] as const;

const NO_INVITATIONS: InvitationInfo[] = [];

export function InvitationCard() {
  const { t } = useTranslation();
  const notify = useAppStore((s) => s.notify);
  const { errors, check, fromError } = useFieldErrors();
  const [name, setName] = useState('');
  const [days, setDays] = useState<(typeof DAYS)[number]>('14');
  const [busy, setBusy] = useState(false);
  const [written, setWritten] = useState<{ name: string; fileName: string; text: string; expiresAt: string } | null>(null);
  // Read again after each import (an invitation may have been used meanwhile) and each one written.
  const invitations = useChannel('enrol.invitations', {});
  const list = invitations.data ?? NO_INVITATIONS;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const input = check(contract['enrol.invite'].input, { name, days: Number(days) });
    if (!input) return;
    setBusy(true);
    try {
      const result = await api('enrol.invite', input);
      setWritten({ ...result, name: input.name });
      downloadText(result.fileName, result.text);
      setName('');
    } catch (error) {
      if (!fromError(error)) notify({ kind: 'error', text: errorText(error) });
    } finally {
      setBusy(false);
    }
  }

  const now = new Date().toISOString();
  return (
    <div className="card exchange-invite">
      <h2>{t('enrol.inviteTitle')}</h2>
      <p className="muted">{t('enrol.inviteIntro')}</p>
      <form className="invite-form" onSubmit={submit} noValidate>
        <TextField label={t('enrol.inviteName')} required value={name} onChange={setName} error={errors.name} name="inviteName" />
        <SelectField
          label={t('enrol.inviteDays')}
          value={days}
          options={DAYS.map((d) => ({ value: d, label: t('enrol.days', { count: Number(d) }) }))}
          onChange={(d) => setDays(d ?? '14')}
          name="inviteDays"
        />
        <div className="actions-row">
          <button type="submit" className="primary" disabled={busy}>
            {t('enrol.inviteSubmit')}
          </button>
        </div>
      </form>
      {written && (
        <div className="exchange-result" data-testid="invitation-written">
          <p>{t('enrol.inviteWritten', { name: written.name, date: formatDate(written.expiresAt.slice(0, 10)) })}</p>
          <button type="button" onClick={() => downloadText(written.fileName, written.text)}>
            {t('enrol.inviteDownload')}
          </button>
        </div>
      )}
      {invitations.error && <ErrorMessage text={errorText(invitations.error)} />}
      {list.length > 0 && (
        <>
          <h3>{t('enrol.invitesTitle')}</h3>
          <table className="exchange-table">
            <tbody>
              {list.map((i) => (
                <tr key={i.createdAt + i.name}>
                  <td>{i.name}</td>
                  {i.usedAt ? (
                    <td className="invitation-used">{t('enrol.inviteUsed', { date: formatDate(i.usedAt.slice(0, 10)) })}</td>
                  ) : i.expiresAt <= now ? (
                    <td className="invitation-expired">{t('enrol.inviteExpired', { date: formatDate(i.expiresAt.slice(0, 10)) })}</td>
                  ) : (
                    <td>{t('enrol.inviteOpen', { date: formatDate(i.expiresAt.slice(0, 10)) })}</td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <Steps title={t('enrol.stepsTitle')} steps={['head', 'staff', 'trust'].map((k) => t(`enrol.inviteSteps.${k}`))} />
    </div>
  );
}
