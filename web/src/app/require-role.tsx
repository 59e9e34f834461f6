// Settings pages a role cannot use say so instead of showing forms the server would refuse.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '@ecoute/shared/agent-contract';
import { Page } from '../components/layouts/page.tsx';
import { EmptyState } from '../components/ui/states.tsx';
import { useUser } from '../lib/auth.tsx';
import { hasRole } from '../lib/contract-values.ts';

export function RequireRole({ role, children }: { role: Role; children: ReactNode }) {
  const { t } = useTranslation();
  const user = useUser();
  if (hasRole(user.role, role)) return children;
  return (
    <Page title={t('errors.forbiddenTitle')}>
      <EmptyState title={t('errors.forbiddenTitle')}>
        <p>{t('errors.needsRole', { role: t(`roles.${role}`) })}</p>
      </EmptyState>
    </Page>
  );
}
