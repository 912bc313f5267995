/**
 * Where the ffmpeg binary is: the system one on PATH when present, else the one shipped by
 * the npm package @ffmpeg-installer/ffmpeg. Resolved once per process.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** The first executable file called `name` in the directories of `envPath`. */
export function findOnPath(name: string, envPath: string = process.env.PATH ?? ''): string | undefined {
  for (const dir of envPath.split(path.delimiter)) {
    if (dir === '') continue;
    const candidate = path.join(dir, name);
    if (isExecutableFile(candidate)) return candidate;
  }
  return undefined;
}

function isExecutableFile(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch (err) {
    void err; // not there or not executable: the caller tries the next candidate
    return false;
  }
}

/** The binary of @ffmpeg-installer/ffmpeg, or undefined when the package (or its platform build) is absent. */
export function installerFfmpegPath(): string | undefined {
  try {
    const require = createRequire(import.meta.url);
    const mod: unknown = require('@ffmpeg-installer/ffmpeg');
    if (typeof mod === 'object' && mod !== null && 'path' in mod && typeof mod.path === 'string') {
      return isExecutableFile(mod.path) ? mod.path : undefined;
    }
    return undefined;
  } catch (err) {
    void err; // the package throws a string on unsupported platforms: treated as absent
    return undefined;
  }
}

let cached: string | null | undefined;

/** Path of the ffmpeg binary to run, or undefined when there is none. */
export function resolveFfmpegPath(): string | undefined {
  if (cached === undefined) cached = findOnPath('ffmpeg') ?? installerFfmpegPath() ?? null;
  return cached ?? undefined;
}

export const FFMPEG_MISSING_REASON =
  'ffmpeg not found: install ffmpeg on the PATH or the npm package @ffmpeg-installer/ffmpeg';
