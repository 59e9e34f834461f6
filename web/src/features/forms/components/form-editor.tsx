// Settings › Forms › one form: its settings (admins write, managers read), the snippet a site pastes,
// the real widget with the accent and language being edited, and each acknowledgement as a customer
// would read it. What the server would refuse is said as it is typed.
import { useState } from 'react';
import { Form } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { ACKNOWLEDGEMENT_PLACEHOLDERS, acknowledgementText } from '@ecoute/shared/acknowledgement';
import type { FormInput, FormSettings } from '@ecoute/shared/agent-contract';
import {
  ACCENT_MIN_CONTRAST,
  FORM_KEY_PATTERN,
  FORM_LIMITS,
  formSettingsProblems,
  type FormSettingsProblem,
} from '@ecoute/shared/form-settings';
import { LOCALES, type Locale } from '@ecoute/shared/locale';
import { Page } from '../../../components/layouts/page.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { SelectField } from '../../../components/ui/select-field.tsx';
import { ActionError, ActionSuccess, EmptyState, ErrorState, LoadingState } from '../../../components/ui/states.tsx';
import { isApiError } from '../../../lib/api-client.ts';
import { useUser } from '../../../lib/auth.tsx';
import { hasRole } from '../../../lib/contract-values.ts';
import { useCreateForm } from '../api/create-form.ts';
import { useForms } from '../api/get-forms.ts';
import { useUpdateForm } from '../api/update-form.ts';
import { EmbedSnippet } from './embed-snippet.tsx';
import { TextField } from '../../../components/ui/text-field.tsx';
import { WIDGET_DEFAULT_ACCENT, WidgetPreview } from './widget-preview.tsx';

const KEY = new RegExp(FORM_KEY_PATTERN);
const EXAMPLE_REFERENCE = 'EC-7K2Q9';

/** `#abc` → `#aabbcc`, what a colour input takes. */
const longHex = (accent: string) =>
  accent.length === 4 ? `#${[...accent.slice(1)].map((digit) => digit + digit).join('')}` : accent;

interface Draft {
  key: string;
  name: string;
  origins: string;
  defaultLocale: Locale;
  accent: string;
  acknowledgements: Record<Locale, string>;
}

const draftOf = (form: FormSettings | undefined): Draft => ({
  key: form?.key ?? '',
  name: form?.name ?? '',
  origins: form?.allowedOrigins.join('\n') ?? '',
  defaultLocale: form?.defaultLocale ?? 'fr',
  accent: form?.accent ?? '',
  acknowledgements: { fr: form?.acknowledgements.fr ?? '', en: form?.acknowledgements.en ?? '' },
});

const originsOf = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

function inputOf(draft: Draft): FormInput {
  return {
    key: draft.key.trim(),
    name: draft.name.trim(),
    allowedOrigins: originsOf(draft.origins),
    defaultLocale: draft.defaultLocale,
    accent: draft.accent.trim() || null,
    acknowledgements: { fr: draft.acknowledgements.fr.trim() || null, en: draft.acknowledgements.en.trim() || null },
  };
}

function useProblemText() {
  const { t } = useTranslation();
  return (problem: FormSettingsProblem): string => {
    switch (problem.code) {
      case 'origin_not_canonical':
        return t('forms.problems.originNotCanonical', { canonical: problem.canonical });
      case 'origin_invalid':
        return t('forms.problems.originInvalid');
      case 'origin_listed_twice':
        return t('forms.problems.originTwice');
      case 'accent_invalid':
        return t('forms.problems.accentInvalid');
      case 'accent_too_light':
        return t('forms.problems.accentTooLight', {
          contrast: problem.contrast.toFixed(1),
          needed: ACCENT_MIN_CONTRAST,
        });
      case 'unknown_placeholders':
        return t('forms.problems.unknownPlaceholders', { placeholders: problem.placeholders.join(', ') });
    }
  };
}

function FormEditorFields({ form }: { form: FormSettings | undefined }) {
  const { t } = useTranslation();
  const user = useUser();
  const navigate = useNavigate();
  const created = (useLocation().state as { created?: boolean } | null)?.created === true;
  const canWrite = hasRole(user.role, 'admin');
  const [draft, setDraft] = useState(() => draftOf(form));
  const [notice, setNotice] = useState<'created' | 'saved' | null>(created ? 'created' : null);
  const create = useCreateForm();
  const update = useUpdateForm(form?.id ?? '');
  const archive = useUpdateForm(form?.id ?? '');
  const save = form ? update : create;
  const problemText = useProblemText();
  const change = (patch: Partial<Draft>) => {
    setDraft((current) => ({ ...current, ...patch }));
    setNotice(null);
  };

  const input = inputOf(draft);
  const problems = formSettingsProblems(input);
  const serverFields = isApiError(save.error) ? (save.error.fields ?? {}) : {};
  const keyLocked = (form?.messageCount ?? 0) > 0;
  const keyProblem =
    input.key && !KEY.test(input.key) ? t('forms.problems.key') : serverFields.key ? serverFields.key : undefined;
  const originLines = input.allowedOrigins ?? [];
  const originProblems = originLines.flatMap((origin, index) => {
    const problem = problems[`allowedOrigins.${index}`];
    return problem ? [t('forms.problems.originLine', { origin, problem: problemText(problem) })] : [];
  });
  const accentProblem = problems.accent ? problemText(problems.accent) : serverFields.accent;
  const hasProblems = Boolean(keyProblem) || Object.keys(problems).length > 0;
  const previewAccent =
    input.accent && problems.accent?.code !== 'accent_invalid' ? input.accent : WIDGET_DEFAULT_ACCENT;

  return (
    <div className="form-editor">
      <Form
        className="form form-editor__fields"
        onSubmit={(event) => {
          event.preventDefault();
          if (hasProblems) return;
          if (form) {
            update.mutate(input, { onSuccess: () => setNotice('saved') });
          } else {
            create.mutate(input, {
              onSuccess: (made) => void navigate(`/settings/forms/${made.id}`, { state: { created: true } }),
            });
          }
        }}
      >
        <TextField
          label={t('forms.name')}
          value={draft.name}
          onChange={(name) => change({ name })}
          maxLength={FORM_LIMITS.name}
          isRequired
          isReadOnly={!canWrite}
        />
        <TextField
          label={t('forms.key')}
          description={keyLocked ? t('forms.keyLocked') : t('forms.keyHint')}
          value={draft.key}
          onChange={(key) => change({ key })}
          maxLength={FORM_LIMITS.key}
          isRequired
          isReadOnly={!canWrite || keyLocked}
          isInvalid={Boolean(keyProblem)}
          errorMessage={keyProblem}
        />
        <TextField
          label={t('forms.origins')}
          description={t('forms.originsHint')}
          multiline
          rows={3}
          value={draft.origins}
          onChange={(origins) => change({ origins })}
          isReadOnly={!canWrite}
          isInvalid={originProblems.length > 0}
          errorMessage={originProblems.join(' ')}
        />
        <SelectField
          label={t('forms.defaultLocale')}
          description={t('forms.defaultLocaleHint')}
          options={LOCALES.map((id) => ({ id, label: t(`languages.${id}`) }))}
          value={draft.defaultLocale}
          onChange={(defaultLocale: Locale) => change({ defaultLocale })}
          isDisabled={!canWrite}
        />
        <div className="form-editor__accent">
          <TextField
            label={t('forms.accent')}
            description={t('forms.accentHint', { needed: ACCENT_MIN_CONTRAST })}
            value={draft.accent}
            onChange={(accent) => change({ accent })}
            placeholder={WIDGET_DEFAULT_ACCENT}
            maxLength={7}
            isReadOnly={!canWrite}
            isInvalid={Boolean(accentProblem)}
            errorMessage={accentProblem}
          />
          <input
            type="color"
            className="form-editor__swatch"
            aria-label={t('forms.pickAccent')}
            value={longHex(
              problems.accent?.code === 'accent_invalid' || !input.accent ? WIDGET_DEFAULT_ACCENT : input.accent,
            )}
            onChange={(event) => change({ accent: event.target.value })}
            disabled={!canWrite}
          />
        </div>
        {LOCALES.map((locale) => {
          const text = draft.acknowledgements[locale];
          const problem = problems[`acknowledgements.${locale}`];
          return (
            <div key={locale} className="form-editor__acknowledgement">
              <TextField
                label={t('forms.acknowledgement', { language: t(`languages.${locale}`) })}
                description={t('forms.acknowledgementHint', {
                  placeholders: ACKNOWLEDGEMENT_PLACEHOLDERS.map((name) => `{{${name}}}`).join(', '),
                })}
                multiline
                rows={3}
                value={text}
                onChange={(value) => change({ acknowledgements: { ...draft.acknowledgements, [locale]: value } })}
                maxLength={FORM_LIMITS.acknowledgement}
                isReadOnly={!canWrite}
                isInvalid={Boolean(problem) || Boolean(serverFields[`acknowledgements.${locale}`])}
                errorMessage={problem ? problemText(problem) : serverFields[`acknowledgements.${locale}`]}
              />
              <div className="template-preview">
                <p className="template-preview__title">
                  {t('forms.acknowledgementPreview', { language: t(`languages.${locale}`) })}
                </p>
                <div className="words" lang={locale}>
                  {acknowledgementText({
                    locale,
                    reference: EXAMPLE_REFERENCE,
                    name: t('templates.example.name'),
                    trackingUrl: `${location.origin}/t/…`,
                    formText: text.trim() || null,
                  })}
                </div>
              </div>
            </div>
          );
        })}
        <ActionError error={save.error} />
        {notice ? <ActionSuccess>{t(notice === 'created' ? 'forms.created' : 'forms.saved')}</ActionSuccess> : null}
        {canWrite ? (
          <div className="form__actions">
            <Button type="submit" variant="primary" isPending={save.isPending}>
              {form ? t('common.save') : t('forms.create')}
            </Button>
          </div>
        ) : null}
      </Form>
      <aside className="form-editor__side" aria-label={t('forms.embedding')}>
        <EmbedSnippet formKey={input.key || 'demo'} />
        <section className="form-editor__preview" aria-labelledby="widget-preview-title">
          <h2 id="widget-preview-title" className="template-preview__title">
            {t('forms.preview')}
          </h2>
          <p className="muted">{form ? t('forms.previewLive') : t('forms.previewUnsaved')}</p>
          <WidgetPreview formKey={input.key} lang={draft.defaultLocale} accent={previewAccent} />
        </section>
        {form && canWrite ? (
          <section className="form-editor__archive" aria-labelledby="archive-title">
            <h2 id="archive-title" className="template-preview__title">
              {form.archived ? t('forms.archivedTitle') : t('forms.archiveTitle')}
            </h2>
            <p className="muted">{form.archived ? t('forms.archivedExplained') : t('forms.archiveExplained')}</p>
            <ActionError error={archive.error} />
            {archive.isSuccess ? (
              <ActionSuccess>{form.archived ? t('forms.archivedNow') : t('forms.unarchivedNow')}</ActionSuccess>
            ) : null}
            <Button isPending={archive.isPending} onPress={() => archive.mutate({ archived: !form.archived })}>
              {form.archived ? t('forms.unarchive') : t('forms.archive')}
            </Button>
          </section>
        ) : null}
      </aside>
    </div>
  );
}

export function FormEditor({ formId }: { formId: string | undefined }) {
  const { t } = useTranslation();
  const forms = useForms();
  const form = formId ? forms.data?.find((candidate) => candidate.id === formId) : undefined;
  const title = formId ? (form?.name ?? t('forms.title')) : t('forms.new');
  return (
    <Page
      title={title}
      before={
        <Link className="back-link" to="/settings/forms">
          <span aria-hidden="true">← </span>
          {t('forms.backToForms')}
        </Link>
      }
    >
      {!formId ? (
        <FormEditorFields form={undefined} />
      ) : forms.isPending ? (
        <LoadingState />
      ) : forms.isError ? (
        <ErrorState error={forms.error} onRetry={() => void forms.refetch()} />
      ) : !form ? (
        <EmptyState title={t('forms.notFound')} />
      ) : (
        // Keyed by form: another form's page starts from its own settings.
        <FormEditorFields key={form.id} form={form} />
      )}
    </Page>
  );
}
