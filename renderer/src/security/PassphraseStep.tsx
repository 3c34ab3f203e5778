/** First start, before the mission form: the passphrase that encrypts this folder. */
import { useState, type FormEvent } from 'react';
import { api } from '../api/client';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { errorText, useTranslation } from '../i18n';
import { useAppStore } from '../stores/app';
import { newPassphraseErrors, PassphraseFields, type NewPassphrase } from './PassphraseFields';
import '../styles/security.css';
import { ErrorMessage } from '../components/ErrorMessage';

export function PassphraseStep() {
  const { t } = useTranslation();
  const load = useAppStore((s) => s.load);
  const [value, setValue] = useState<NewPassphrase>({ passphrase: '', confirm: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found = await newPassphraseErrors(value);
    setErrors(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    setFailure(null);
    try {
      await api('security.enable', { passphrase: value.passphrase });
      await load();
    } catch (error) {
      setFailure(errorText(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="setup">
      <form className="setup-card security-card" onSubmit={submit} noValidate>
        <div className="setup-head">
          <div>
            <h1>{t('security.choose.title')}</h1>
            <p className="muted">{t('security.choose.intro')}</p>
          </div>
          <LanguageSwitch />
        </div>
        <PassphraseFields value={value} onChange={setValue} errors={errors} autoFocus />
        <p className="security-warning" role="note">
          {t('security.choose.warning')}
        </p>
        <ErrorMessage text={failure} />
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t('security.choose.working') : t('security.choose.submit')}
          </button>
        </div>
      </form>
    </main>
  );
}
