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
import { SessionContext, TransportContext, useTransport, type Session } from './context';
import type { AppTransport } from './transport';
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

  // Pages get a transport that notices a lost session: an expired or revoked session
  // (UNAUTHENTICATED) sends the user back to the login page, and PASSWORD_CHANGE_REQUIRED (an
  // administrator reset the password meanwhile) to the password change.
  const guarded: AppTransport = useMemo(() => {
    const notice = (name: string, code: string) => {
      if (name === 'auth.login' || name === 'auth.logout') return;
      if (code === 'UNAUTHENTICATED') setBoot({ state: 'ready', user: null });
      else if (code === 'PASSWORD_CHANGE_REQUIRED')
        setBoot((b) => (b.state === 'ready' && b.user ? { state: 'ready', user: { ...b.user, mustChangePassword: true } } : b));
    };
    const rethrow = (name: string) => (err: unknown): never => {
      if (err && typeof err === 'object' && 'code' in err) notice(name, String((err as { code: unknown }).code));
      throw err;
    };
    return {
      ...transport,
      async call(name, input) {
        const r = await transport.call(name, input);
        if (!r.ok) notice(name, r.error.code);
        return r;
      },
      callBinary: (name, input) => transport.callBinary(name, input).catch(rethrow(name)),
      upload: (file, onProgress) => transport.upload(file, onProgress).catch(rethrow('upload')),
    };
  }, [transport]);

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
    <TransportContext.Provider value={guarded}>
      <SessionContext.Provider value={session}>
        <a className="skip-link" href="#main" onClick={(e) => { e.preventDefault(); document.getElementById('main')?.focus(); }}>
          {t('app.skipToContent')}
        </a>
        <Header user={inApp ? user : null} onLogout={logout} current={route.name} />
        <main id="main" tabIndex={-1} className={inApp ? 'app-main' : 'app-main app-main--centered'}>
          {main}
        </main>
      </SessionContext.Provider>
    </TransportContext.Provider>
  );
}
