/**
 * Where the ffmpeg binary is: the system one on PATH when present, else the one shipped by
 * the npm package @ffmpeg-installer/ffmpeg. Resolved once per process.
 */
import { spawnSync } from 'node:child_process';
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

/**
 * Path of the ffmpeg binary to run, or undefined when there is none. Falling back to the bundled
 * build prints one warning per process: it is a 2018 build, and results are only comparable
 * with those of a current ffmpeg.
 */
export function resolveFfmpegPath(): string | undefined {
  if (cached === undefined) {
    const system = findOnPath('ffmpeg');
    const bundled = system ? undefined : installerFfmpegPath();
    cached = system ?? bundled ?? null;
    if (bundled) process.stderr.write(`vigie: warning: ${BUNDLED_FFMPEG_WARNING} (${bundled})\n`);
  }
  return cached ?? undefined;
}

export const BUNDLED_FFMPEG_WARNING =
  'no ffmpeg on the PATH: using the 2018 build of @ffmpeg-installer/ffmpeg; install a current ffmpeg (apt-get install ffmpeg) for results comparable with other machines';

/** `5.1.9-0+deb12u1` from the first line of `ffmpeg -version`, or undefined when it cannot be read. */
export function parseFfmpegVersion(text: string): string | undefined {
  return /^ffmpeg version (\S+)/m.exec(text)?.[1];
}

const versions = new Map<string, string | undefined>();

/** The version of the ffmpeg binary at `ffmpegPath` (cached per path), or undefined. */
export function ffmpegVersion(ffmpegPath: string): string | undefined {
  if (!versions.has(ffmpegPath)) {
    const out = spawnSync(ffmpegPath, ['-version'], { encoding: 'utf8', timeout: 10_000 });
    versions.set(ffmpegPath, out.error ? undefined : parseFfmpegVersion(out.stdout ?? ''));
  }
  return versions.get(ffmpegPath);
}

export const FFMPEG_MISSING_REASON =
  'ffmpeg not found: install ffmpeg on the PATH or the npm package @ffmpeg-installer/ffmpeg';
