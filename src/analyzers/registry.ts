/**
 * Event type -> the frame analyzers its rule needs. Explicit, like the rule registry. An analyzer
 * needed by several enabled events is created once per camera.
 */
import type { EventType } from '../core/types.ts';
import type { AnalyzerFactory, AnalyzerSetup, FrameAnalyzer } from './analyzer.ts';
import { fireAnalyzerFactory } from './fire/fire-analyzer.ts';
import { weaponAnalyzerFactory } from './weapon/weapon-analyzer.ts';
import { poseAnalyzerFactory } from './pose/analyzer.ts';
import { flowAnalyzerFactory } from './flow/analyzer.ts';
import { staticSceneAnalyzer } from './background/static-scene.ts';
import { crowdAnalyzerFactory } from './crowd/crowd-analyzer.ts';

export const ANALYZERS: Partial<Record<EventType, readonly AnalyzerFactory[]>> = {
  fire: [fireAnalyzerFactory],
  weapon: [weaponAnalyzerFactory],
  person_down: [poseAnalyzerFactory],
  crowd_movement: [flowAnalyzerFactory],
  abandoned_object: [staticSceneAnalyzer],
  crowd_density: [crowdAnalyzerFactory],
};

export async function analyzersFor(events: readonly EventType[], setup: AnalyzerSetup): Promise<FrameAnalyzer[]> {
  const factories = new Map<string, AnalyzerFactory>();
  for (const type of events) for (const f of ANALYZERS[type] ?? []) factories.set(f.name, f);
  const out: FrameAnalyzer[] = [];
  for (const f of factories.values()) out.push(await f.create(setup));
  return out;
}
