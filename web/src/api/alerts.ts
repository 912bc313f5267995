/** Alert endpoints used by the queue and the detail screen. */
import { api } from './client.ts';
import type { AlertDetail, BulkQualifyResult, Qualification, StoredAlert } from './types.ts';

export const qualifyAlert = (id: string, status: Qualification, note?: string): Promise<StoredAlert> =>
  api.post<StoredAlert>(`/api/alerts/${encodeURIComponent(id)}/qualify`, note ? { status, note } : { status });

/** One decision for the pending alerts of a queue group; each refused one comes back with why. */
export const qualifyAlerts = (ids: readonly string[], status: Qualification): Promise<BulkQualifyResult> =>
  api.post<BulkQualifyResult>('/api/alerts/qualify', { ids, status });

/** A supervisor's correction of a decision, with the mandatory note. */
export const correctAlert = (id: string, status: Qualification, note: string): Promise<StoredAlert> =>
  api.post<StoredAlert>(`/api/alerts/${encodeURIComponent(id)}/correct`, { status, note });

export const getAlert = (id: string): Promise<AlertDetail> => api.get<AlertDetail>(`/api/alerts/${encodeURIComponent(id)}`);

export const snapshotUrl = (id: string): string => `/api/alerts/${encodeURIComponent(id)}/snapshot.jpg`;
export const clipUrl = (id: string): string => `/api/alerts/${encodeURIComponent(id)}/clip.mp4`;
