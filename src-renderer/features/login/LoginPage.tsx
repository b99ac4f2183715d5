import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClientError } from '../../bridge';
import { setLanguage, useLanguage } from '../../stores/language';
import { login, useSession } from '../../stores/session';
import { LanguageSwitch, Notice } from '../../ui';
import { describeLoginError } from './loginError';
import { SessionNotice } from './SessionNotice';
import './login.css';

export function LoginPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const notice = useSession((s) => s.notice);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ClientError | null>(null);

  // Described at render time so the message follows a language switch.
  const view = error ? describeLoginError(error, t) : null;

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    // Sent as typed, empty fields included: the core's validation is the one that counts, and it says which field.
    const result = await login(username, password);
    if (!result.ok) {
      setError(result.error);
      setBusy(false);
    }
  }

  const invalid = (field: string): boolean => view?.fields.includes(field) ?? false;

  return (
    <div className="login" data-testid="page-login">
      <div className="login__lang">
        <LanguageSwitch value={language} onChange={setLanguage} testId="lang-switch" />
      </div>
      <main className="login__card">
        <header className="login__brand">
          <span className="brand__mark" aria-hidden="true">
            {t('app.short')}
          </span>
          <div>
            <p className="login__centre">{t('app.centre')}</p>
            <p className="login__subtitle">{t('login.subtitle')}</p>
          </div>
        </header>
        <h1 className="login__title">{t('login.title')}</h1>
        {notice && !error ? <SessionNotice notice={notice} /> : null}
        <form className="login__form" noValidate onSubmit={(event) => void submit(event)}>
          <label className="field">
            <span className="field__label">{t('login.username')}</span>
            <input
              className="input"
              name="username"
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              autoFocus
              value={username}
              aria-invalid={invalid('username')}
              data-testid="login-username"
              onChange={(event) => setUsername(event.target.value)}
            />
          </label>
          <label className="field">
            <span className="field__label">{t('login.password')}</span>
            <input
              className="input"
              name="password"
              type="password"
              autoComplete="current-password"
              value={password}
              aria-invalid={invalid('password')}
              data-testid="login-password"
              onChange={(event) => setPassword(event.target.value)}
            />
          </label>
          {view ? (
            <Notice tone="error" testId="login-error" hint={view.hint}>
              {view.message}
            </Notice>
          ) : null}
          <button type="submit" className="btn btn--primary login__submit" disabled={busy} data-testid="login-submit">
            {busy ? t('login.submitting') : t('login.submit')}
          </button>
        </form>
      </main>
    </div>
  );
}
