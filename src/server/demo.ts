/** `--demo`: cameras looping the real clips of ../shared/data, in real time, as an installer would set them up. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { CameraConfig } from '../config/schema.ts';
import { loadScenario, scenarioToCamera } from '../eval/scenario.ts';

export const DEMO_SCENARIOS = ['bgslibrary_video02', 'intel_car-detection'] as const;

/** The demo cameras whose scenario and clip exist under `sharedDir` (none when it is undefined). */
export function demoCameras(sharedDir: string | undefined): CameraConfig[] {
  if (!sharedDir) return [];
  return DEMO_SCENARIOS.map((name) => path.join(sharedDir, 'scenarios', `${name}.yaml`))
    .filter((file) => existsSync(file))
    .map((file) => ({ ...scenarioToCamera(loadScenario(file)), loop: true, realtime: true }));
}
