/**
 * The optional confinement of file paths (`security.allowedDirs` of the site config): when set, a
 * camera that reads a file and every model path must lie inside one of these folders, so that an
 * account allowed to add cameras cannot make the server open any file it can read. Paths are
 * resolved from the working directory, symbolic links followed where the path exists.
 * URLs (rtsp://, http://...) are not files and are not confined.
 */
import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The file a camera source names, or undefined for a network URL. */
export function sourceFile(url: string): string | undefined {
  if (/^file:\/\//i.test(url)) return URL.canParse(url) ? fileURLToPath(url) : url.slice('file://'.length);
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? undefined : url;
}

const real = (p: string): string => {
  const abs = path.resolve(p);
  return existsSync(abs) ? realpathSync(abs) : abs;
};

/** Whether `file` lies inside one of `dirs` (always true when `dirs` is empty: no confinement). */
export function insideAllowedDirs(file: string, dirs: readonly string[]): boolean {
  if (dirs.length === 0) return true;
  const target = real(file);
  return dirs.some((dir) => {
    const rel = path.relative(real(dir), target);
    return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
  });
}

/** The message of a path refused by the confinement, or undefined when allowed. */
export function confinementProblem(what: string, file: string, dirs: readonly string[]): string | undefined {
  return insideAllowedDirs(file, dirs) ? undefined : `${what} "${file}" is outside the allowed folders (security.allowedDirs: ${dirs.join(', ')})`;
}

/** The problem of a camera source, or undefined (network URLs are not confined). */
export function sourceProblem(url: string, dirs: readonly string[]): string | undefined {
  const file = sourceFile(url);
  return file === undefined ? undefined : confinementProblem('file', file, dirs);
}
