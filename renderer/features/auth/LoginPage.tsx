import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError, User } from '../../../shared/api/contract';
import { useTransport } from '../../app/context';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Field } from '../../components/Field';

export function LoginPage({ onLoggedIn }: { onLoggedIn: (user: User) => void }) {
  const { t } = useTranslation();
  const transport = useTransport();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const r = await transport.call('auth.login', { username: username.trim(), password });
    setBusy(false);
    if (r.ok) onLoggedIn(r.value.user);
    else {
      setError(r.error);
      setPassword('');
    }
  }

  return (
    <div className="auth-card">
      <h1>{t('auth.loginTitle')}</h1>
      <p className="muted">{t('auth.loginIntro')}</p>
      <form onSubmit={submit} noValidate>
        <Field id="login-username" label={t('auth.username')} required>
          {(p) => (
            <input {...p} name="username" autoComplete="username" autoFocus required value={username} onChange={(e) => setUsername(e.target.value)} />
          )}
        </Field>
        <Field id="login-password" label={t('auth.password')} required>
          {(p) => (
            <input {...p} name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
          )}
        </Field>
        <ErrorMessage error={error} lead={error?.code === 'UNAUTHENTICATED' ? t('auth.badCredentials') : undefined} />
        <button type="submit" className="button button--primary button--block" disabled={busy || !username || !password}>
          {busy ? t('auth.submitting') : t('auth.submit')}
        </button>
      </form>
    </div>
  );
}
