/**
 * The site schema with the confinement of `security.allowedDirs` (allowed-dirs.ts) checked: camera
 * files and model paths outside the allowed folders are problems with their config path. Apart from
 * schema.ts because it reads the file system (schema.ts is shared with the web console).
 */
import type { z } from 'zod';
import { confinementProblem, sourceProblem } from './allowed-dirs.ts';
import { siteConfigSchema, type SiteConfig } from './schema.ts';

export function confinementIssues(cfg: SiteConfig, ctx: z.RefinementCtx): void {
  const dirs = cfg.security.allowedDirs;
  const confine = (problem: string | undefined, at: (string | number)[]): void => {
    if (problem) ctx.addIssue({ code: 'custom', path: at, message: problem });
  };
  if (cfg.detector.kind === 'yolo') confine(confinementProblem('model', cfg.detector.model, dirs), ['detector', 'model']);
  cfg.cameras.forEach((cam, i) => {
    confine(sourceProblem(cam.url, dirs), ['cameras', i, 'url']);
    if (cam.fireDetector) confine(confinementProblem('model', cam.fireDetector.model, dirs), ['cameras', i, 'fireDetector', 'model']);
    if (cam.weaponDetector) confine(confinementProblem('model', cam.weaponDetector.model, dirs), ['cameras', i, 'weaponDetector', 'model']);
  });
}

export const confinedSiteSchema = siteConfigSchema.superRefine(confinementIssues);
