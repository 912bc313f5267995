import { describe, expect, it } from 'vitest';
import { clipShown, snapshotShown } from './evidence-media.ts';
import type { ClipState } from './use-clip.ts';

describe('evidence media shown', () => {
  it.each([
    // mediaPurged, clip state as probed, snapshot shown, clip shown
    [undefined, 'ready', 'image', 'ready'],
    [undefined, 'pending', 'image', 'pending'],
    [undefined, 'none', 'image', 'none'],
    [true, 'none', 'purged', 'purged'],
    [true, 'checking', 'purged', 'purged'],
    [true, 'error', 'purged', 'purged'],
  ] as const)('mediaPurged %s, clip %s -> snapshot %s, clip %s', (mediaPurged, probed: ClipState, snapshot, clip) => {
    const alert = mediaPurged ? { mediaPurged } : {};
    expect(snapshotShown(alert)).toBe(snapshot);
    expect(clipShown(alert, probed)).toBe(clip);
  });
});
