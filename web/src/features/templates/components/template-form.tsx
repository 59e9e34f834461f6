// Writing a template: name, language, text with variables, and a preview filled in for an example
// customer, so the author sees what the customer would read.
import { useRef, useState } from 'react';
import { Form } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { Template, TemplateInput } from '@ecoute/shared/agent-contract';
import type { Locale } from '@ecoute/shared/locale';
import { renderTemplate, unknownPlaceholders } from '@ecoute/shared/templates';
import { Button } from '../../../components/ui/button.tsx';
import { SelectField } from '../../../components/ui/select-field.tsx';
import { ActionError } from '../../../components/ui/states.tsx';
import { TextField } from '../../../components/ui/text-field.tsx';
import { useUser } from '../../../lib/auth.tsx';
import { LIMITS } from '../../../lib/contract-values.ts';
import { TemplateVariables } from './template-variables.tsx';

const ANY = 'any';

export interface TemplateFormProps {
  template?: Template;
  onSubmit: (input: TemplateInput) => void;
  onCancel: () => void;
  isPending: boolean;
  error: unknown;
}

export function TemplateForm({ template, onSubmit, onCancel, isPending, error }: TemplateFormProps) {
  const { t } = useTranslation();
  const me = useUser();
  const [name, setName] = useState(template?.name ?? '');
  const [locale, setLocale] = useState<Locale | typeof ANY>(template?.locale ?? ANY);
  const [body, setBody] = useState(template?.body ?? '');
  const textarea = useRef<HTMLTextAreaElement>(null);

  const insert = (placeholder: string) => {
    const element = textarea.current;
    const start = element?.selectionStart ?? body.length;
    const end = element?.selectionEnd ?? body.length;
    setBody(body.slice(0, start) + placeholder + body.slice(end));
    requestAnimationFrame(() => {
      element?.focus();
      element?.setSelectionRange(start + placeholder.length, start + placeholder.length);
    });
  };

  // What no message could fill would reach the customer as typed: the server refuses it too.
  const unknown = unknownPlaceholders(body);

  const preview = renderTemplate(body, {
    customer: { name: t('templates.example.name'), email: t('templates.example.email') },
    reference: 'EC-7K2Q9',
    agent: { name: me.name },
    form: { name: t('templates.example.form') },
  });

  return (
    <Form
      className="form"
      onSubmit={(event) => {
        event.preventDefault();
        if (unknown.length > 0) return;
        onSubmit({ name: name.trim(), body, locale: locale === ANY ? null : locale });
      }}
    >
      <TextField
        label={t('templates.name')}
        value={name}
        onChange={setName}
        maxLength={LIMITS.templateName}
        isRequired
        autoFocus
      />
      <SelectField
        label={t('templates.language')}
        options={[
          { id: ANY, label: t('templates.anyLanguage') },
          { id: 'fr', label: t('languages.fr') },
          { id: 'en', label: t('languages.en') },
        ]}
        value={locale}
        onChange={setLocale}
      />
      <TextField
        label={t('templates.body')}
        multiline
        rows={8}
        value={body}
        onChange={setBody}
        maxLength={LIMITS.template}
        isRequired
        isInvalid={unknown.length > 0}
        errorMessage={t('templates.unknownVariables', { placeholders: unknown.join(', ') })}
        textAreaRef={textarea}
      />
      <TemplateVariables onInsert={insert} />
      {body.trim() ? (
        <div className="template-preview">
          <p className="template-preview__title">{t('templates.preview')}</p>
          <div className="words">{preview}</div>
        </div>
      ) : null}
      <ActionError error={error} />
      <div className="dialog__actions">
        <Button onPress={onCancel}>{t('common.cancel')}</Button>
        <Button type="submit" variant="primary" isPending={isPending}>
          {t('common.save')}
        </Button>
      </div>
    </Form>
  );
}
