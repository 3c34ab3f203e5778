/**
 * Setting up a staff computer from the head's invitation: the mission and the head's key come
 * from the file; the person checks the head's fingerprint and gives only their name.
 */
import { useRef, useState, type FormEvent } from 'react';
import type { InvitationPreview } from '../../../shared/domain/enrol';
import { contract } from '../../../shared/contract';
import { api } from '../api/client';
import { ErrorMessage } from '../components/ErrorMessage';
import { TextField } from '../components/fields';
import { useFieldErrors } from '../components/useFieldErrors';
import { formatDate } from '../format';
import { errorText, useTranslation } from '../i18n';
import { useAppStore } from '../stores/app';
import { Steps } from './Steps';
import '../styles/exchange.css';

export function JoinInvitation({ onManual }: { onManual(): void }) {
  const { t } = useTranslation();
  const setState = useAppStore((s) => s.setState);
  const { errors, check, fromError, clear } = useFieldErrors();
  const input = useRef<HTMLInputElement>(null);
  const [invitation, setInvitation] = useState<{ text: string; preview: InvitationPreview } | null>(null);
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const pick = async (file: File | undefined) => {
    if (!file) return;
    setFailure(null);
    try {
      const text = await file.text();
      setInvitation({ text, preview: await api('enrol.preview', { text }) });
    } catch (error) {
      setInvitation(null);
      setFailure(errorText(error));
    }
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    const input = invitation && check(contract['enrol.join'].input, { text: invitation.text, user: { name } });
    if (!input) return;
    setBusy(true);
    setFailure(null);
    try {
      setState(await api('enrol.join', input));
    } catch (error) {
      if (!fromError(error)) setFailure(errorText(error));
    } finally {
      setBusy(false);
    }
  }

  const p = invitation?.preview;
  return (
    <form className="join-invitation" onSubmit={submit} noValidate>
      <p className="muted">{t('enrol.joinIntro')}</p>
      <div className="exchange-actions">
        <button type="button" className={p ? '' : 'primary'} onClick={() => input.current?.click()}>
          {t('enrol.joinChoose')}
        </button>
        <button type="button" onClick={onManual}>
          {t('enrol.joinManual')}
        </button>
        <input ref={input} type="file" accept=".json" hidden data-testid="invitation-file" onChange={(e) => void pick(e.target.files?.[0])} />
      </div>
      {p && (
        <>
          <dl className="join-preview" data-testid="invitation-preview">
            <dt>{t('exchange.mission')}</dt>
            <dd>
              {p.mission.nameVi} ({p.mission.code})
            </dd>
            <dt>{t('enrol.joinFor')}</dt>
            <dd>{p.name}</dd>
            <dt>{t('enrol.joinBy')}</dt>
            <dd>{p.invitedBy}</dd>
            <dt>{t('enrol.joinExpires')}</dt>
            <dd>{formatDate(p.expiresAt.slice(0, 10))}</dd>
            <dt>{t('enrol.joinHead')}</dt>
            <dd>
              <div className="fingerprint" data-testid="head-fingerprint">
                {p.head.fingerprint}
              </div>
              <div className="field-hint">{t('enrol.joinHeadHint')}</div>
            </dd>
          </dl>
          <TextField
            label={t('setup.userName')}
            required
            value={name}
            onChange={(value) => {
              setName(value);
              clear('user.name');
            }}
            error={errors['user.name']}
            name="userName"
          />
        </>
      )}
      <ErrorMessage text={failure} />
      {p && (
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t('common.saving') : t('enrol.joinSubmit')}
          </button>
        </div>
      )}
      <Steps title={t('enrol.stepsTitle')} steps={['head', 'staff', 'trust'].map((k) => t(`enrol.inviteSteps.${k}`))} />
    </form>
  );
}
