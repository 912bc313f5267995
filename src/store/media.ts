/** Snapshot files under the store's media folder. Paths kept in the database are relative to it. */
import { readdirSync, rmdirSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { VigieError } from '../core/errors.ts';

/** Absolute path of a stored relative media path; refuses anything that leaves the media folder. */
export function resolveMediaPath(mediaDir: string, relPath: string): string {
  const root = path.resolve(mediaDir);
  const abs = path.resolve(root, relPath);
  if (path.isAbsolute(relPath) || !abs.startsWith(root + path.sep)) {
    throw new VigieError('STORE_FAILED', `media path "${relPath}" is outside the media folder`);
  }
  return abs;
}

function errCode(err: unknown): string | undefined {
  return err && typeof err === 'object' && 'code' in err ? String(err.code) : undefined;
}

/** Removes the folder and its parents up to (not including) `root` while they are empty. */
function pruneEmptyDirs(root: string, dir: string): void {
  let d = dir;
  while (d.startsWith(root + path.sep) && readdirSync(d).length === 0) {
    rmdirSync(d);
    d = path.dirname(d);
  }
}

export interface MediaFailure {
  readonly path: string;
  readonly reason: string;
}

export interface RemoveResult {
  readonly removed: number;
  /** Files that were already gone. */
  readonly missing: number;
  readonly failures: readonly MediaFailure[];
}

/** Deletes media files and the folders they leave empty. Failures are returned, not thrown. */
export function removeMediaFiles(mediaDir: string, relPaths: readonly string[]): RemoveResult {
  const root = path.resolve(mediaDir);
  const failures: MediaFailure[] = [];
  const dirs = new Set<string>();
  let removed = 0;
  let missing = 0;
  for (const rel of relPaths) {
    try {
      const abs = resolveMediaPath(root, rel);
      unlinkSync(abs);
      dirs.add(path.dirname(abs));
      removed++;
    } catch (err) {
      if (errCode(err) === 'ENOENT') missing++;
      else failures.push({ path: rel, reason: err instanceof Error ? err.message : String(err) });
    }
  }
  for (const d of dirs) {
    try {
      pruneEmptyDirs(root, d);
    } catch (err) {
      failures.push({ path: path.relative(root, d), reason: err instanceof Error ? err.message : String(err) });
    }
  }
  return { removed, missing, failures };
}

/**
 * Files the server writes under a temporary name and renames when complete: snapshots
 * (`<id>.jpg.tmp`) and clips (`<id>.mp4.part`). One left at start is from a run that stopped
 * mid-write: incomplete, never referenced by an alert.
 */
export const LEFTOVER_SUFFIXES = ['.part', '.tmp'] as const;

/** Deletes the leftover temporary files under the media folder (at start); failures are returned. */
export function sweepLeftovers(mediaDir: string): RemoveResult & { readonly paths: readonly string[] } {
  const root = path.resolve(mediaDir);
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const abs = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(abs);
      else if (entry.isFile() && LEFTOVER_SUFFIXES.some((s) => entry.name.endsWith(s))) found.push(path.relative(root, abs));
    }
  };
  try {
    walk(root);
  } catch (err) {
    if (errCode(err) !== 'ENOENT') return { removed: 0, missing: 0, failures: [{ path: '.', reason: err instanceof Error ? err.message : String(err) }], paths: [] };
  }
  return { ...removeMediaFiles(root, found), paths: found };
}
