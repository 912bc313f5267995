/**
 * The fire analyzer and rule on real footage (skips without ../shared/data): a fire burning from
 * the first frame alerts within seconds; the flashing neon star of the Las Vegas sign does not.
 * No detector here (no tracks): the pixel evidence alone must hold.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS } from '../../config/schema.ts';
import type { RuleEvent } from '../../core/types.ts';
import { grabFrames } from '../../detect/test-frames.ts';
import { createExtras } from '../../rules/extras.ts';
import { fireRule } from '../../rules/fire.ts';
import { createFireAnalyzer } from './fire-analyzer.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const dataDir = path.resolve(repoRoot, '../shared/data');
const clip = (name: string): string => path.join(dataDir, 'clips/fire', name);

async function alertsOf(file: string, seconds: number, nativeFps: number): Promise<RuleEvent[]> {
  const step = Math.round(nativeFps / 5);
  const frames = grabFrames(file, seconds * 5, 640, step, nativeFps);
  const analyzer = createFireAnalyzer();
  const ctx = { zones: [], params: DEFAULT_PARAMS };
  let state = fireRule.init(ctx);
  const events: RuleEvent[] = [];
  for (const [seq, f] of frames.entries()) {
    const tMs = seq * 200;
    const { extras, writer } = createExtras();
    await analyzer.analyze({ frame: { ...f, tMs, cameraId: 'real', seq, wallMs: tMs }, tracks: [], detections: [] }, writer);
    const out = fireRule.step(state, { tMs, tracks: [], extras }, ctx);
    state = out.state;
    events.push(...out.events);
  }
  return events;
}

describe.skipIf(!existsSync(dataDir))(`fire on real footage (${dataDir})`, () => {
  it('furg_house6: flames in the windows from the first frame alert once within 6 s', async () => {
    const events = await alertsOf(clip('furg_house6.mp4'), 8, 29.97);
    expect(events).toHaveLength(1);
    expect(events[0]!.tMs).toBeLessThanOrEqual(6000);
  });

  it('emoykim_test7: the flashing neon star of a sign at night raises nothing', async () => {
    expect(await alertsOf(clip('emoykim_test7.mp4'), 12, 24)).toEqual([]);
  });
});
