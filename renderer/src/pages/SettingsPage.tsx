/** What this computer is set up as, and the person's preferences. */
import { LanguageSwitch } from '../components/LanguageSwitch';
import { MissionCard } from '../components/MissionCard';
import { UserCard } from '../components/UserCard';
import { useTranslation } from '../i18n';
import { useAppStore } from '../stores/app';
import { SETTINGS_SECTIONS } from './registry';

export function SettingsPage() {
  const { t } = useTranslation();
  const state = useAppStore((s) => s.state);
  if (!state) return null;
  const { mission, user } = state;
  return (
    <section className="page settings-page">
      <header className="page-head">
        <h1>{t('settings.title')}</h1>
      </header>
      <div className="cards">
        <div className="card">
          <h2>{t('settings.language')}</h2>
          <LanguageSwitch />
        </div>
        {mission && <MissionCard mission={mission} superiorBody={state.superiorBody} />}
        {user && <UserCard user={user} />}
        <div className="card">
          <h2>{t('settings.device')}</h2>
          <dl>
            <dt>{t('settings.deviceId')}</dt>
            <dd className="mono">{state.deviceId}</dd>
            <dt>{t('settings.dataDir')}</dt>
            <dd className="mono">{state.dataDir}</dd>
            <dt>{t('settings.version')}</dt>
            <dd>{state.appVersion}</dd>
          </dl>
        </div>
        {SETTINGS_SECTIONS.map((Section, i) => (
          <Section key={i} />
        ))}
      </div>
    </section>
  );
}
