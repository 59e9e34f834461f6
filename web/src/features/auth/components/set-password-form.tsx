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
  // Checked by the form itself when it is sent, not by the browser's native validation, which kept
  // refusing the first send after the confirmation was corrected.
  const [checked, setChecked] = useState(false);
  const tooShort = password.length < LIMITS.password.min;
  const differ = confirmation !== password;

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
      validationBehavior="aria"
      onSubmit={(event) => {
        event.preventDefault();
        setChecked(true);
        if (!tooShort && !differ) setPassword.mutate({ token, password });
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
        isInvalid={checked && tooShort}
        errorMessage={t('auth.passwordTooShort', { min: LIMITS.password.min })}
      />
      <TextField
        label={t('auth.confirmPassword')}
        type="password"
        autoComplete="new-password"
        value={confirmation}
        onChange={setConfirmation}
        isRequired
        isInvalid={checked && !tooShort && differ}
        errorMessage={t('auth.passwordsDiffer')}
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
