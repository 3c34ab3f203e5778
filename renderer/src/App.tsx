/** The shell: setup on first start, then navigation and the current page. */
import { Suspense, useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { ActivityFormHost } from './components/ActivityFormHost';
import { ConfirmHost } from './components/confirm';
import { GlobalSearch } from './components/GlobalSearch';
import { Toasts } from './components/Toasts';
import { transport } from './api/client';
import { forgetAllData } from './api/query';
import { errorText, roleEnum, useTranslation } from './i18n';
import { landingPage } from './early';
import { lazyNamed } from './lazy';
import { LockScreen } from './pages/LockScreen';
import { PAGES } from './pages/registry';
import { AutoLock } from './security/AutoLock';
import { LostWritesNotice } from './security/LostWritesNotice';
import { useAppStore } from './stores/app';

// Shown once, at first start: loaded then. (The lock screen is not: a lock shows at once, never waits for code.)
const SetupPage = lazyNamed(() => import('./pages/SetupPage'), 'SetupPage');
const PassphraseStep = lazyNamed(() => import('./security/PassphraseStep'), 'PassphraseStep');

export function App() {
  const { t } = useTranslation();
  // Only what the shell shows: a toast or the activity form changing does not render every page.
  const { state, loadError, upgrading, route, load, navigate } = useAppStore(
    useShallow((s) => ({ state: s.state, loadError: s.loadError, upgrading: s.upgrading, route: s.route, load: s.load, navigate: s.navigate })),
  );

  useEffect(() => {
    void load();
  }, [load]);

  // Nothing read from the encrypted store stays in memory while the app is locked.
  const locked = state?.locked ?? false;
  useEffect(() => {
    if (locked) forgetAllData();
  }, [locked]);

  // Back and forward (the browser's buttons, Alt+←/→, a mouse's side buttons) follow the address.
  useEffect(() => {
    const follow = () => void useAppStore.getState().followAddress();
    window.addEventListener('popstate', follow);
    return () => window.removeEventListener('popstate', follow);
  }, []);

  if (loadError) {
    return (
      <main className="fatal" role="alert">
        <h1>{t('app.name')}</h1>
        <p>{errorText(loadError)}</p>
        <button type="button" onClick={() => void load()}>
          ↻
        </button>
      </main>
    );
  }
  const loading = (
    <main className="loading">
      {upgrading ? (
        <>
          <h1>{t('app.name')}</h1>
          <p className="stage-notice" role="status">
            {t('errors.UPGRADING')}
          </p>
        </>
      ) : (
        t('app.loading')
      )}
    </main>
  );
  if (!state) return loading;
  const screen = state.locked ? <LockScreen /> : !state.setUp && !state.encrypted ? <PassphraseStep /> : !state.setUp ? <SetupPage /> : null;
  if (screen) return <Suspense fallback={loading}>{screen}</Suspense>;

  const pages = PAGES.filter((p) => !p.mode || p.mode === state.mode);
  const landing = landingPage(state);
  const current = pages.find((p) => p.id === route.page) ?? pages.find((p) => p.id === landing) ?? pages[0]!;
  const Page = current.component;
  return (
    <div className="shell">
      <nav className="sidebar" aria-label={t('app.name')}>
        <div className="brand">
          <strong>{t('app.name')}</strong>
          <span className="muted small">{state.mission?.code}</span>
        </div>
        <GlobalSearch />
        <ul>
          {pages.map((p) => (
            <li key={p.id}>
              <button
                type="button"
                className={p.id === current.id ? 'active' : ''}
                aria-current={p.id === current.id ? 'page' : undefined}
                onClick={() => navigate(p.id)}
              >
                <span className="nav-icon" aria-hidden="true">
                  <p.icon size={16} strokeWidth={2} />
                </span>
                {t(p.labelKey)}
              </button>
            </li>
          ))}
        </ul>
        <div className="sidebar-foot small muted">
          <div>{state.user?.name}</div>
          <div>{t(`enum.${roleEnum(state.mode)}.${state.user?.role ?? 'staff'}`)}</div>
          {transport === 'browser' && <div className="host-note">{t('app.browserHost')}</div>}
        </div>
      </nav>
      <div className="content">
        <LostWritesNotice />
        <Suspense fallback={null}>
          <Page key={current.id} />
        </Suspense>
      </div>
      <ActivityFormHost />
      <ConfirmHost />
      <Toasts />
      <AutoLock />
    </div>
  );
}
