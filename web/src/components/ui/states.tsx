// The designed states of anything that loads: loading, failed (with a way to try again), and empty;
// and what an action says once done (failed, or worked).
import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../lib/api-client.ts';
import { Button } from './button.tsx';

export function LoadingState({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <div className="state state--loading" role="status">
      <span className="spinner" aria-hidden="true" />
      <span>{label ?? t('common.loading')}</span>
    </div>
  );
}

/** Error codes the SPA names in the interface's language (the server's own words are English). */
const NAMED_CODES = [
  'email_taken',
  'would_lock_out',
  'invalid_request',
  'payload_too_large',
  'csrf_token_invalid',
  'invalid_due_date',
  'unknown_variable',
  'user_deactivated',
  'name_taken',
  'form_key_taken',
  'form_key_locked',
] as const;
const isNamedCode = (code: string): code is (typeof NAMED_CODES)[number] =>
  (NAMED_CODES as readonly string[]).includes(code);

/** Says what went wrong in words a person can act on; never the server's internals. */
export function useErrorText() {
  const { t } = useTranslation();
  return (error: unknown): string => {
    if (isApiError(error) && isNamedCode(error.code)) return t(`errors.codes.${error.code}`);
    if (isApiError(error, 0)) return t('errors.network');
    if (isApiError(error, 403)) return t('errors.forbidden');
    if (isApiError(error, 404)) return t('errors.notFound');
    if (isApiError(error, 409)) return t('errors.conflict');
    if (isApiError(error, 429)) return t('errors.tooMany');
    // 400s carry a message written for people; 5xx messages are hidden by the server anyway.
    if (isApiError(error) && error.status === 400) return t('errors.invalid', { detail: error.message });
    return t('errors.generic');
  };
}

export function ErrorState({ error, onRetry, title }: { error: unknown; onRetry?: () => void; title?: string }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  return (
    <div className="state state--error" role="alert">
      <p className="state__title">{title ?? t('errors.title')}</p>
      <p>{errorText(error)}</p>
      {onRetry ? (
        <Button onPress={onRetry} size="small">
          {t('common.retry')}
        </Button>
      ) : null}
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="state state--empty">
      <p className="state__title">{title}</p>
      {children ? <div className="state__body">{children}</div> : null}
    </div>
  );
}

/** An inline error after a failed action (a form that did not save). */
export function ActionError({ error }: { error: unknown }) {
  const errorText = useErrorText();
  if (!error) return null;
  return (
    <p className="action-error" role="alert">
      {errorText(error)}
    </p>
  );
}

/**
 * An inline confirmation after an action that worked. It takes the focus when it appears: the
 * control that did the action is usually emptied or gone by then (a form cleared once sent), and
 * focus left there would fall back to the page, losing a keyboard user's place. Focused, it is also
 * what a screen reader reads next.
 */
export function ActionSuccess({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <p ref={ref} className="action-success" role="status" tabIndex={-1}>
      {children}
    </p>
  );
}
