// Choosing a password through the one-time link an admin shared (no session needed).
import { useMutation } from '@tanstack/react-query';
import type { SetPassword } from '@ecoute/shared/agent-contract';
import { api } from '../../../lib/api-client.ts';

export const setPassword = (input: SetPassword) => api.post<void>('/auth/set-password', input);

export const useSetPassword = () => useMutation({ mutationFn: setPassword });
