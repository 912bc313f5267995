/**
 * The cameras the live benches run: scenarios of ../shared/data/scenarios (never the holdout)
 * turned into cameras looping their clip in real time, so that their alerts come again on every loop.
 */
import path from 'node:path';
import type { CameraConfig } from '../src/config/schema.ts';
import { loadScenario, scenarioToCamera } from '../src/eval/scenario.ts';
import { sharedData } from '../test/e2e/harness.ts';

/** Scenarios whose clip raises its alert again on every loop, one per kind of event. */
export const DEFAULT_SCENARIOS = [
  'bgslibrary_video02', // intrusion (a cyclist on a motorway shoulder) from 3.8 s of 30 s
  'intel_car-detection', // wrong way at 15.5 s and 26.3 s of 30 s
  'thanhnc58_Fall05', // person down at 6.8 s of a 10-s clip (the pose model runs too)
  'intel_one-by-one-person-detection', // intrusion: six visitors in 139 s
];

export const scenarioFile = (name: string): string => path.join(sharedData, 'scenarios', `${name}.yaml`);

/** `--scenarios a,b` as a list, or the default ones. */
export function scenarioList(option: string | undefined): string[] {
  return option ? option.split(',').map((s) => s.trim()).filter((s) => s !== '') : DEFAULT_SCENARIOS;
}

/** Camera i: scenario i modulo the list, looping in real time; a repeated scenario gets a suffixed id. */
export function benchCameras(count: number, scenarios: readonly string[]): CameraConfig[] {
  return Array.from({ length: count }, (_, i) => {
    const scenario = loadScenario(scenarioFile(scenarios[i % scenarios.length]!));
    if (scenario.source.split(path.sep).includes('holdout')) throw new Error(`${scenario.file}: its clip lies in the holdout set`);
    const camera = scenarioToCamera(scenario);
    const copy = Math.floor(i / scenarios.length);
    return { ...camera, id: copy === 0 ? camera.id : `${camera.id}-${copy + 1}`, loop: true, realtime: true };
  });
}
