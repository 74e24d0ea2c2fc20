// The application bar: product name, main navigation, who is logged in (name and role), the
// language switch and sign-out.
import { useTranslation } from 'react-i18next';
import type { User } from '../../shared/api/contract';
import { LanguageSwitch } from './LanguageSwitch';

export function Header({ user, onLogout, current }: { user: User | null; onLogout?: () => void; current?: string }) {
  const { t } = useTranslation();
  return (
    <header className="app-header">
      <div className="app-header__brand">
        <span className="app-header__logo" aria-hidden="true">
          <svg viewBox="0 0 24 24" width="22" height="22">
            <circle cx="7" cy="15" r="2.2" />
            <circle cx="12" cy="9" r="2.2" />
            <circle cx="17" cy="13" r="2.2" />
            <circle cx="15" cy="5" r="1.4" />
            <circle cx="9" cy="19" r="1.4" />
          </svg>
        </span>
        <div>
          <div className="app-header__name">{t('app.name')}</div>
          <div className="app-header__tagline">{t('app.tagline')}</div>
        </div>
      </div>
      {user ? (
        <nav className="app-header__nav" aria-label={t('app.mainNav')}>
          <a href="#/samples" aria-current={current === 'worklist' ? 'page' : undefined}>
            {t('app.nav.worklist')}
          </a>
          <a href="#/samples/new" aria-current={current === 'intake' ? 'page' : undefined}>
            {t('app.nav.newSample')}
          </a>
        </nav>
      ) : (
        <span className="app-header__spacer" />
      )}
      <div className="app-header__tools">
        <LanguageSwitch />
        {user ? (
          <>
            <div className="app-header__user">
              <span className="app-header__user-name">{user.displayName}</span>
              <span className="app-header__role">{t(`roles.${user.role}`, { defaultValue: user.role })}</span>
            </div>
            <button type="button" className="button button--ghost" onClick={onLogout}>
              {t('app.logout')}
            </button>
          </>
        ) : null}
      </div>
    </header>
  );
}
