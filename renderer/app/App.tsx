// The shell: who is logged in decides what is shown (login → forced password change → the app),
// then the hash route picks the page.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../shared/api/contract';
import { Header } from '../components/Header';
import { ChangePasswordPage } from '../features/auth/ChangePasswordPage';
import { LoginPage } from '../features/auth/LoginPage';
import { SamplePage } from '../features/analysis/SamplePage';
import { IntakePage } from '../features/intake/IntakePage';
import { WorklistPage } from '../features/worklist/WorklistPage';
import { SessionContext, useTransport, type Session } from './context';
import { routeHref } from './routes';
import { useRoute } from './useRoute';

type Boot = { state: 'checking' } | { state: 'ready'; user: User | null };

export function App() {
  const { t } = useTranslation();
  const transport = useTransport();
  const [boot, setBoot] = useState<Boot>({ state: 'checking' });
  const route = useRoute();

  useEffect(() => {
    // A session may survive a reload (the HTTP transport keeps its token in sessionStorage); ask
    // the backend whether it is still valid. Without a token there is nothing to ask.
    if (!transport.getSessionToken()) {
      setBoot({ state: 'ready', user: null });
      return;
    }
    void transport.call('auth.me', {}).then((r) => setBoot({ state: 'ready', user: r.ok ? r.value : null }));
  }, [transport]);

  const setUser = useCallback((user: User | null) => setBoot({ state: 'ready', user }), []);
  const logout = useCallback(async () => {
    await transport.call('auth.logout', {});
    setUser(null);
    window.location.hash = routeHref({ name: 'worklist' });
  }, [transport, setUser]);

  const user = boot.state === 'ready' ? boot.user : null;
  const session: Session | null = useMemo(() => (user ? { user, setUser, logout } : null), [user, setUser, logout]);

  let main;
  if (boot.state === 'checking') main = <p className="muted" role="status">{t('app.loading')}</p>;
  else if (!user) main = <LoginPage onLoggedIn={setUser} />;
  else if (user.mustChangePassword) main = <ChangePasswordPage onChanged={setUser} onLogout={() => void logout()} />;
  else if (route.name === 'worklist') main = <WorklistPage />;
  else if (route.name === 'intake') main = <IntakePage />;
  else if (route.name === 'sample') main = <SamplePage id={route.id} />;
  else
    main = (
      <section>
        <p>{t('app.notFound')}</p>
        <a href={routeHref({ name: 'worklist' })}>{t('app.backToWorklist')}</a>
      </section>
    );

  const inApp = !!user && !user.mustChangePassword;
  return (
    <SessionContext.Provider value={session}>
      <a className="skip-link" href="#main" onClick={(e) => { e.preventDefault(); document.getElementById('main')?.focus(); }}>
        {t('app.skipToContent')}
      </a>
      <Header user={inApp ? user : null} onLogout={logout} current={route.name} />
      <main id="main" tabIndex={-1} className={inApp ? 'app-main' : 'app-main app-main--centered'}>
        {main}
      </main>
    </SessionContext.Provider>
  );
}
