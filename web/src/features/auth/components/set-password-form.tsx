// Choosing a password from a one-time link: twice, at least 12 characters, then on to sign in.
import { useState } from 'react';
import { Form } from 'react-aria-components';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button.tsx';
import { TextField } from '../../../components/ui/text-field.tsx';
import { isApiError } from '../../../lib/api-client.ts';
import { LIMITS } from '../../../lib/contract-values.ts';
import { useSetPassword } from '../api/set-password.ts';

export function SetPasswordForm({ token }: { token: string }) {
  const { t } = useTranslation();
  const setPassword = useSetPassword();
  const [password, setPasswordValue] = useState('');
  const [confirmation, setConfirmation] = useState('');

  if (setPassword.isSuccess) {
    return (
      <div className="state state--success" role="status">
        <p className="state__title">{t('auth.passwordSet')}</p>
        <Link className="button button--primary" to="/login">
          {t('auth.signIn')}
        </Link>
      </div>
    );
  }

  const failure = setPassword.error
    ? isApiError(setPassword.error) && [400, 404, 410].includes(setPassword.error.status)
      ? t('auth.linkInvalid')
      : isApiError(setPassword.error, 429)
        ? t('auth.tooManyAttempts')
        : t('errors.generic')
    : null;

  return (
    <Form
      className="form"
      onSubmit={(event) => {
        event.preventDefault();
        setPassword.mutate({ token, password });
      }}
    >
      <TextField
        label={t('auth.newPassword')}
        description={t('auth.passwordRule', { min: LIMITS.password.min })}
        type="password"
        autoComplete="new-password"
        value={password}
        onChange={setPasswordValue}
        minLength={LIMITS.password.min}
        maxLength={LIMITS.password.max}
        isRequired
        autoFocus
        validate={(value) =>
          value.length > 0 && value.length < LIMITS.password.min
            ? t('auth.passwordTooShort', { min: LIMITS.password.min })
            : null
        }
      />
      <TextField
        label={t('auth.confirmPassword')}
        type="password"
        autoComplete="new-password"
        value={confirmation}
        onChange={setConfirmation}
        isRequired
        validate={(value) => (value && value !== password ? t('auth.passwordsDiffer') : null)}
      />
      {failure ? (
        <p className="action-error" role="alert">
          {failure}
        </p>
      ) : null}
      <Button type="submit" variant="primary" isPending={setPassword.isPending}>
        {t('auth.savePassword')}
      </Button>
    </Form>
  );
}
