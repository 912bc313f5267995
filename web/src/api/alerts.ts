/** Alert endpoints used by the queue and the detail screen. */
import { api } from './client.ts';
import type { AlertDetail, Qualification, StoredAlert } from './types.ts';

export const qualifyAlert = (id: string, status: Qualification, note?: string): Promise<StoredAlert> =>
  api.post<StoredAlert>(`/api/alerts/${encodeURIComponent(id)}/qualify`, note ? { status, note } : { status });

export const getAlert = (id: string): Promise<AlertDetail> => api.get<AlertDetail>(`/api/alerts/${encodeURIComponent(id)}`);

export const snapshotUrl = (id: string): string => `/api/alerts/${encodeURIComponent(id)}/snapshot.jpg`;
export const clipUrl = (id: string): string => `/api/alerts/${encodeURIComponent(id)}/clip.mp4`;
