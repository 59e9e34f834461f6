// Picks a template to insert: those in the customer's language first. Choosing one hands its text,
// already filled in for this message, to the composer.
import { Menu, MenuItem, MenuTrigger, Popover, Section, Header } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { Template } from '@ecoute/shared/agent-contract';
import type { Locale } from '@ecoute/shared/locale';
import { Button } from '../../../components/ui/button.tsx';

export interface TemplatePickerProps {
  templates: Template[];
  locale: Locale;
  onPick: (template: Template) => void;
  /** While the templates load, the button says so rather than "No templates yet". */
  isLoading?: boolean;
}

export function TemplatePicker({ templates, locale, onPick, isLoading = false }: TemplatePickerProps) {
  const { t } = useTranslation();
  const suited = templates.filter((template) => template.locale === null || template.locale === locale);
  const others = templates.filter((template) => template.locale !== null && template.locale !== locale);
  const pick = (id: unknown) => {
    const template = templates.find((candidate) => candidate.id === id);
    if (template) onPick(template);
  };
  const item = (template: Template) => (
    <MenuItem key={template.id} id={template.id} className="menu__item" textValue={template.name}>
      <span>{template.name}</span>
      {template.locale ? <span className="menu__hint">{t(`languages.${template.locale}`)}</span> : null}
    </MenuItem>
  );
  return (
    <MenuTrigger>
      <Button size="small" isDisabled={templates.length === 0}>
        {templates.length > 0
          ? t('composer.insertTemplate')
          : isLoading
            ? t('composer.loadingTemplates')
            : t('composer.noTemplates')}
      </Button>
      <Popover className="popover" placement="bottom start">
        <Menu className="menu" onAction={pick}>
          {suited.length > 0 ? (
            <Section>
              <Header className="menu__header">
                {t('composer.templatesFor', { language: t(`languages.${locale}`) })}
              </Header>
              {suited.map(item)}
            </Section>
          ) : null}
          {others.length > 0 ? (
            <Section>
              <Header className="menu__header">{t('composer.otherTemplates')}</Header>
              {others.map(item)}
            </Section>
          ) : null}
        </Menu>
      </Popover>
    </MenuTrigger>
  );
}
