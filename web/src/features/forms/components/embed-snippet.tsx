// The HTML a site pastes to embed a form, with a copy button that says whether it worked.
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button.tsx';

export function embedSnippet(origin: string, formKey: string): string {
  return `<script src="${origin}/embed.js" async></script>\n<ecoute-form form="${formKey}"></ecoute-form>`;
}

export function EmbedSnippet({ formKey }: { formKey: string }) {
  const { t } = useTranslation();
  const captionId = useId();
  const [copied, setCopied] = useState<'copied' | 'failed' | null>(null);
  const snippet = embedSnippet(location.origin, formKey);
  // Another key is another snippet: "copied" was about the previous one.
  useEffect(() => setCopied(null), [snippet]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(snippet);
      setCopied('copied');
    } catch {
      setCopied('failed');
    }
  };

  return (
    <div className="embed-snippet">
      <figure className="embed-snippet__figure" aria-labelledby={captionId}>
        <figcaption className="embed-snippet__title" id={captionId}>
          {t('forms.snippet')}
        </figcaption>
        {/* Focusable: a keyboard scrolls a long line. */}
        <pre className="embed-snippet__code" tabIndex={0}>
          <code>{snippet}</code>
        </pre>
      </figure>
      <div className="embed-snippet__actions">
        <Button size="small" onPress={() => void copy()}>
          {t('forms.copySnippet')}
        </Button>
        <span role="status" className={copied === 'failed' ? 'field__error' : 'muted'}>
          {copied === 'copied' ? t('forms.copied') : copied === 'failed' ? t('forms.copyFailed') : ''}
        </span>
      </div>
      <p className="muted">
        {t('forms.hostedForm')}{' '}
        <a href={`/f/${encodeURIComponent(formKey)}`} target="_blank" rel="noopener">
          {`${location.origin}/f/${formKey}`}
        </a>
      </p>
    </div>
  );
}
