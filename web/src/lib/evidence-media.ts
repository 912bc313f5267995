/**
 * What stands where an alert's snapshot and clip go: the media, or the words that retention
 * purged them (retention.mediaDays; the alert itself is kept), never a broken image. Pure.
 */
import type { StoredAlert } from '../../../src/store/types.ts';
import type { ClipState } from './use-clip.ts';

export type SnapshotShown = 'image' | 'purged';
export type ClipShown = ClipState | 'purged';

type Media = Pick<StoredAlert, 'mediaPurged'>;

export const snapshotShown = (alert: Media): SnapshotShown => (alert.mediaPurged ? 'purged' : 'image');

/** The clip's state as probed, unless retention purged it. */
export const clipShown = (alert: Media, probed: ClipState): ClipShown => (alert.mediaPurged ? 'purged' : probed);
