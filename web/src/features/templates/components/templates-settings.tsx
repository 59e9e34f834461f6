// Settings › Templates: the list, and creating, editing and deleting templates in dialogs.
import { DialogTrigger } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { Template } from '@ecoute/shared/agent-contract';
import { Page } from '../../../components/layouts/page.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { ModalDialog } from '../../../components/ui/modal-dialog.tsx';
import { ActionError, EmptyState, ErrorState, LoadingState } from '../../../components/ui/states.tsx';
import { TimeAgo } from '../../../components/ui/time-ago.tsx';
import { useCreateTemplate } from '../api/create-template.ts';
import { useDeleteTemplate } from '../api/delete-template.ts';
import { useTemplates } from '../api/get-templates.ts';
import { useUpdateTemplate } from '../api/update-template.ts';
import { TemplateForm } from './template-form.tsx';

function NewTemplate() {
  const { t } = useTranslation();
  const create = useCreateTemplate();
  return (
    <DialogTrigger onOpenChange={() => create.reset()}>
      <Button variant="primary">{t('templates.new')}</Button>
      <ModalDialog title={t('templates.new')}>
        {(close) => (
          <TemplateForm
            onSubmit={(input) => create.mutate(input, { onSuccess: close })}
            onCancel={close}
            isPending={create.isPending}
            error={create.error}
          />
        )}
      </ModalDialog>
    </DialogTrigger>
  );
}

function EditTemplate({ template }: { template: Template }) {
  const { t } = useTranslation();
  const update = useUpdateTemplate(template.id);
  return (
    <DialogTrigger onOpenChange={() => update.reset()}>
      <Button size="small" aria-label={t('templates.editNamed', { name: template.name })}>
        {t('common.edit')}
      </Button>
      <ModalDialog title={t('templates.edit')}>
        {(close) => (
          <TemplateForm
            template={template}
            onSubmit={(input) => update.mutate(input, { onSuccess: close })}
            onCancel={close}
            isPending={update.isPending}
            error={update.error}
          />
        )}
      </ModalDialog>
    </DialogTrigger>
  );
}

function DeleteTemplate({ template }: { template: Template }) {
  const { t } = useTranslation();
  const remove = useDeleteTemplate(template.id);
  return (
    <DialogTrigger onOpenChange={() => remove.reset()}>
      <Button size="small" variant="quiet" aria-label={t('templates.deleteNamed', { name: template.name })}>
        {t('common.delete')}
      </Button>
      <ModalDialog title={t('templates.deleteTitle', { name: template.name })} role="alertdialog">
        {(close) => (
          <>
            <p>{t('templates.deleteExplained')}</p>
            <ActionError error={remove.error} />
            <div className="dialog__actions">
              <Button onPress={close} autoFocus>
                {t('common.cancel')}
              </Button>
              <Button
                variant="danger"
                isPending={remove.isPending}
                onPress={() => remove.mutate(undefined, { onSuccess: close })}
              >
                {t('common.delete')}
              </Button>
            </div>
          </>
        )}
      </ModalDialog>
    </DialogTrigger>
  );
}

export function TemplatesSettings() {
  const { t } = useTranslation();
  const templates = useTemplates();
  return (
    <Page title={t('templates.title')} actions={<NewTemplate />}>
      <p className="lead">{t('templates.intro')}</p>
      {templates.isPending ? (
        <LoadingState />
      ) : templates.isError ? (
        <ErrorState error={templates.error} onRetry={() => void templates.refetch()} />
      ) : templates.data.length === 0 ? (
        <EmptyState title={t('templates.empty')}>
          <p>{t('templates.emptyBody')}</p>
        </EmptyState>
      ) : (
        <ul className="template-list">
          {templates.data.map((template) => (
            <li key={template.id} className="card template-item">
              <div className="template-item__head">
                <h2 className="template-item__name">{template.name}</h2>
                <span className="badge">
                  {template.locale ? t(`languages.${template.locale}`) : t('templates.anyLanguage')}
                </span>
              </div>
              <p className="template-item__body">{template.body}</p>
              <div className="template-item__foot">
                <span className="muted">
                  {t('templates.updated')} <TimeAgo at={template.updatedAt} />
                </span>
                <span className="template-item__actions">
                  <EditTemplate template={template} />
                  <DeleteTemplate template={template} />
                </span>
              </div>
            </li>
          ))}
        </ul>
      )}
    </Page>
  );
}
