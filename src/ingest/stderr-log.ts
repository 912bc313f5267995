/**
 * ffmpeg's stderr, kept bounded (the last lines only), and what we read from it:
 * the size of the raw output stream, the CPU time of -benchmark, and the last error line.
 */

export interface LineLog {
  /** Feeds a chunk of stderr; returns the complete lines it finished. */
  push(chunk: string): string[];
  /** The last lines kept, oldest first, plus an unfinished last line if any. */
  lines(): string[];
}

export function createLineLog(maxLines = 40, maxLineChars = 2000): LineLog {
  const kept: string[] = [];
  let partial = '';
  return {
    push(chunk) {
      // ffmpeg ends progress lines with \r: treat it as a line break.
      const parts = (partial + chunk).split(/\r\n|\r|\n/);
      partial = (parts.pop() ?? '').slice(-maxLineChars);
      const done = parts.filter((l) => l.trim() !== '').map((l) => l.slice(0, maxLineChars));
      kept.push(...done);
      if (kept.length > maxLines) kept.splice(0, kept.length - maxLines);
      return done;
    },
    lines() {
      return partial.trim() === '' ? [...kept] : [...kept, partial].slice(-maxLines);
    },
  };
}

export interface Size {
  readonly width: number;
  readonly height: number;
}

/**
 * Watches stderr lines for the output stream description
 * (`Output #0, rawvideo, ...` then `Stream #0:0: Video: rawvideo (RGB[24] ...), 640x480 ...`).
 */
export function createOutputSizeReader(): (line: string) => Size | undefined {
  let inOutput = false;
  return (line) => {
    if (/^Output #\d+/.test(line)) inOutput = true;
    else if (/^(Input #|Stream mapping)/.test(line)) inOutput = false;
    if (!inOutput || !/Stream #\d+:\d+.*Video: rawvideo/.test(line)) return undefined;
    const m = /, (\d{1,5})x(\d{1,5})[ ,]/.exec(line);
    return m ? { width: Number(m[1]), height: Number(m[2]) } : undefined;
  };
}

/** CPU milliseconds from `bench: utime=0.255s stime=0.088s rtime=0.313s` (ffmpeg -benchmark). */
export function parseBenchCpuMs(lines: readonly string[]): number | undefined {
  for (let i = lines.length - 1; i >= 0; i--) {
    const m = /bench: utime=([\d.]+)s stime=([\d.]+)s/.exec(lines[i] ?? '');
    if (m) return Math.round((Number(m[1]) + Number(m[2])) * 1000);
  }
  return undefined;
}

const NOISE = [
  /^\s/, // stream details, metadata
  /^frame=/,
  /^video:\d/,
  /^bench:/,
  /^Exiting normally/,
  /^At least one output file must be specified/,
  /^Conversion failed!?$/,
  /^Press \[q\]/,
  /^(Input|Output) #\d/,
  /^Stream mapping:/,
];

/** The last line of ffmpeg's log that says something (errors), without progress or stream info. */
export function lastErrorLine(lines: readonly string[]): string | undefined {
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i] ?? '';
    if (line.trim() !== '' && !NOISE.some((re) => re.test(line))) return stripContext(line.trim());
  }
  return undefined;
}

/** `[tcp @ 0x55ad9119e580] Connection failed` -> `tcp: Connection failed` (addresses change every run). */
function stripContext(line: string): string {
  return line.replace(/^\[([^\]@]+?) @ 0x[0-9a-f]+\]\s*/i, '$1: ');
}
