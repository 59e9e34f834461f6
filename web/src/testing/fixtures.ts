// The people and the message the SPA's component tests share.
import type { User } from '@ecoute/shared/agent-contract';
import type { ComposerProps } from '../features/replies/components/composer.tsx';

export const agent: User = {
  id: '00000000-0000-4000-8000-000000000001',
  email: 'paul@example.com',
  name: 'Paul Martin',
  role: 'agent',
  active: true,
  available: true,
  passwordSet: true,
  locale: null,
};

export const manager: User = {
  ...agent,
  id: '00000000-0000-4000-8000-000000000002',
  email: 'mona@example.com',
  name: 'Mona Manager',
  role: 'manager',
};

export const message: ComposerProps['message'] = {
  id: '10000000-0000-4000-8000-000000000001',
  reference: 'EC-7K2Q9',
  customerName: 'Marie Dubois',
  customerEmail: 'marie@example.com',
  formName: 'Website',
  locale: 'fr',
};

/** The message's acknowledgement, the last event of its timeline until something happens. */
export const acknowledgedEventId = '20000000-0000-4000-8000-000000000001';
