// Forced at first login (user.mustChangePassword) and available later; the backend refuses every
// other call until this succeeds (contract.ts: PASSWORD_CHANGE_REQUIRED).
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError, User } from '../../../shared/api/contract';
import { useTransport } from '../../app/context';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Field } from '../../components/Field';

export function ChangePasswordPage({ onChanged, onLogout }: { onChanged: (user: User) => void; onLogout: () => void }) {
  const { t } = useTranslation();
  const transport = useTransport();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [mismatch, setMismatch] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    if (newPassword !== confirm) {
      setMismatch(true);
      return;
    }
    setMismatch(false);
    setBusy(true);
    const r = await transport.call('auth.changePassword', { currentPassword, newPassword });
    setBusy(false);
    if (r.ok) onChanged(r.value.user);
    else setError(r.error);
  }

  const fieldError = (name: string) => (error?.field === name ? error.message : null);
  return (
    <div className="auth-card">
      <h1>{t('auth.changeTitle')}</h1>
      <p className="muted">{t('auth.changeIntro')}</p>
      <form onSubmit={submit} noValidate>
        <Field id="pw-current" label={t('auth.currentPassword')} error={fieldError('currentPassword')} required>
          {(p) => <input {...p} type="password" autoComplete="current-password" autoFocus value={currentPassword} onChange={(e) => setCurrent(e.target.value)} />}
        </Field>
        <Field id="pw-new" label={t('auth.newPassword')} hint={t('auth.passwordHint')} error={fieldError('newPassword')} required>
          {(p) => <input {...p} type="password" autoComplete="new-password" value={newPassword} onChange={(e) => setNew(e.target.value)} />}
        </Field>
        <Field id="pw-confirm" label={t('auth.confirmPassword')} error={mismatch ? t('auth.mismatch') : null} required>
          {(p) => <input {...p} type="password" autoComplete="new-password" value={confirm} onChange={(e) => setConfirm(e.target.value)} />}
        </Field>
        {error && !error.field ? <ErrorMessage error={error} /> : null}
        <button type="submit" className="button button--primary button--block" disabled={busy || !currentPassword || !newPassword || !confirm}>
          {t('auth.changeSubmit')}
        </button>
        <button type="button" className="button button--ghost button--block" onClick={onLogout}>
          {t('app.logout')}
        </button>
      </form>
    </div>
  );
}
