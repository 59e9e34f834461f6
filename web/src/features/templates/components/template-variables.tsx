// The variables a template may use, each with what it becomes; pressing one puts it in the text.
import { useTranslation } from 'react-i18next';
import { TEMPLATE_VARIABLES, type TemplateVariable } from '@ecoute/shared/templates';
import { Button } from '../../../components/ui/button.tsx';

export function TemplateVariables({ onInsert }: { onInsert: (placeholder: string) => void }) {
  const { t } = useTranslation();
  return (
    <div className="variables">
      <p className="variables__title" id="variables-title">
        {t('templates.variables')}
      </p>
      <ul className="variables__list" aria-labelledby="variables-title">
        {TEMPLATE_VARIABLES.map((variable: TemplateVariable) => (
          <li key={variable} className="variables__item">
            <Button
              size="small"
              variant="quiet"
              className="variables__insert"
              onPress={() => onInsert(`{{${variable}}}`)}
              aria-label={t('templates.insertVariable', { variable })}
            >
              <code>{`{{${variable}}}`}</code>
            </Button>
            <span className="variables__meaning">{t(`templates.variable.${variable}`)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
