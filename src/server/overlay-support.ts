/**
 * Whether clips can carry burnt-in text: a font file on disk and an ffmpeg built with drawtext
 * (libfreetype; the 2018 @ffmpeg-installer build may lack it). Asked once per recorder; any doubt
 * means box-only clips, never a failed clip.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { errorMessage } from '../core/errors.ts';

export const FONT_CANDIDATES: readonly string[] = [
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', // Debian, Ubuntu (fonts-dejavu-core)
  '/usr/share/fonts/dejavu/DejaVuSans.ttf', // Fedora, Alpine
  '/usr/share/fonts/TTF/DejaVuSans.ttf', // Arch
  '/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf',
  '/usr/share/fonts/truetype/freefont/FreeSans.ttf',
  '/System/Library/Fonts/Supplemental/Arial.ttf',
  'C:/Windows/Fonts/arial.ttf',
];

/** The first candidate that exists (`VIGIE_CLIP_FONT` first when set). */
export function pickFontFile(candidates: readonly string[], exists: (file: string) => boolean): string | undefined {
  return candidates.find((f) => f !== '' && exists(f));
}

/** Whether `ffmpeg -filters` lists drawtext. */
export function listsDrawtext(filtersOutput: string): boolean {
  return /^\s*\S*\s+drawtext\s/m.test(filtersOutput);
}

/** The font to burn text with, or undefined (box-only) with the reason logged once. */
export function clipTextFont(ffmpegPath: string, warn: (msg: string) => void): Promise<string | undefined> {
  const font = pickFontFile([process.env.VIGIE_CLIP_FONT ?? '', ...FONT_CANDIDATES], existsSync);
  if (!font) {
    warn('no font file found (install fonts-dejavu-core or set VIGIE_CLIP_FONT): clips carry the box without the time');
    return Promise.resolve(undefined);
  }
  return new Promise((resolve) => {
    execFile(ffmpegPath, ['-hide_banner', '-filters'], { timeout: 10_000 }, (err, stdout) => {
      if (err) warn(`cannot list the filters of ffmpeg (${errorMessage(err)}): clips carry the box without the time`);
      else if (!listsDrawtext(stdout)) warn('this ffmpeg has no drawtext filter: clips carry the box without the time');
      resolve(!err && listsDrawtext(stdout) ? font : undefined);
    });
  });
}
