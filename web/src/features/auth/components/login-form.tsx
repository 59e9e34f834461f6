// The sign-in form. Wrong credentials and too many attempts are said plainly, next to the button;
// a session that ended by itself (expired, revoked) is said before anything is asked.
import { useState } from 'react';
import { Form } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button.tsx';
import { TextField } from '../../../components/ui/text-field.tsx';
import { isApiError } from '../../../lib/api-client.ts';
import { useLogin } from '../../../lib/auth.tsx';
import { sessionEndedInThisTab } from '../../../lib/tab-storage.ts';

export function LoginForm({ onSignedIn }: { onSignedIn: () => void }) {
  const { t } = useTranslation();
  const login = useLogin();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');

  const failure = login.error
    ? isApiError(login.error, 401)
      ? t('auth.wrongCredentials')
      : isApiError(login.error, 429)
        ? t('auth.tooManyAttempts')
        : isApiError(login.error, 0)
          ? t('errors.network')
          : t('errors.generic')
    : null;

  return (
    <Form
      className="form"
      onSubmit={(event) => {
        event.preventDefault();
        login.mutate({ email: email.trim(), password }, { onSuccess: onSignedIn });
      }}
    >
      {sessionEndedInThisTab() ? (
        <p className="card notice" role="status">
          {t('auth.sessionEnded')}
        </p>
      ) : null}
      <TextField
        label={t('auth.email')}
        type="email"
        name="email"
        autoComplete="username"
        value={email}
        onChange={setEmail}
        isRequired
        autoFocus
      />
      <TextField
        label={t('auth.password')}
        type="password"
        name="password"
        autoComplete="current-password"
        value={password}
        onChange={setPassword}
        isRequired
      />
      {failure ? (
        <p className="action-error" role="alert">
          {failure}
        </p>
      ) : null}
      <Button type="submit" variant="primary" isPending={login.isPending}>
        {t('auth.signIn')}
      </Button>
    </Form>
  );
}
