/** Habilitation endpoints (src/api/routes/habilitation.ts). */
import { api } from './client.ts';
import type { Habilitation, HabilitationState, Training, TrainingKind } from './types.ts';

const userPath = (username: string): string => `/api/users/${encodeURIComponent(username)}`;

export const getHabilitation = (username: string): Promise<HabilitationState> => api.get<HabilitationState>(`${userPath(username)}/habilitation`);
export const listHabilitations = (): Promise<HabilitationState[]> => api.get<HabilitationState[]>('/api/habilitations');

export type GrantInput = Pick<Habilitation, 'authority' | 'reference' | 'grantedAtMs'> & { readonly expiresAtMs?: number };
export const grantHabilitation = (username: string, body: GrantInput): Promise<HabilitationState> => api.put<HabilitationState>(`${userPath(username)}/habilitation`, body);
export const withdrawHabilitation = (username: string, why: string): Promise<HabilitationState> => api.post<HabilitationState>(`${userPath(username)}/habilitation/withdraw`, { why });

export type TrainingInput = { readonly kind: TrainingKind; readonly atMs: number; readonly trainer: string; readonly reference?: string };
export const recordTraining = (username: string, body: TrainingInput): Promise<Training> => api.post<Training>(`${userPath(username)}/trainings`, body);
export const removeTraining = (username: string, id: number): Promise<void> => api.del(`${userPath(username)}/trainings/${id}`);
