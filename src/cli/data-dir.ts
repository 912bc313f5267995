import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (two levels above src/cli). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** `../shared/data` beside the repository (or $VIGIE_SHARED_DATA), when present. */
export function sharedDataDir(): string | undefined {
  const dir = process.env.VIGIE_SHARED_DATA ?? path.resolve(REPO_ROOT, '../shared/data');
  return existsSync(dir) ? dir : undefined;
}
