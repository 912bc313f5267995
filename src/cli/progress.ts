/** A one-line progress bar on a TTY stream (files only: live streams have no end). */
export interface Progress {
  update(seconds: number): void;
  clear(): void;
  done(summary: string): void;
}

const WIDTH = 30;

/** `[#########.....]  45 % 13.5/30.0 s (12.1x real time)`; without a total, only the seconds. */
export function progressLine(seconds: number, totalSeconds: number | undefined, elapsedS: number): string {
  const speed = `${(seconds / Math.max(0.001, elapsedS)).toFixed(1)}x real time`;
  if (!totalSeconds || totalSeconds <= 0) return `analysing: ${seconds.toFixed(1)} s (${speed})`;
  const k = Math.min(1, seconds / totalSeconds);
  const filled = Math.round(k * WIDTH);
  const bar = `[${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}]`;
  return `${bar} ${String(Math.round(k * 100)).padStart(3)} % ${seconds.toFixed(1)}/${totalSeconds.toFixed(1)} s (${speed})`;
}

export function createProgress(out: NodeJS.WriteStream, totalSeconds?: number, minIntervalMs = 200): Progress {
  let last = 0;
  let shown = false;
  const started = Date.now();
  return {
    update(seconds) {
      const now = Date.now();
      if (now - last < minIntervalMs) return;
      last = now;
      out.write(`\r\x1b[K${progressLine(seconds, totalSeconds, (now - started) / 1000)}`);
      shown = true;
    },
    clear() {
      if (shown) out.write('\r\x1b[K');
      shown = false;
    },
    done(summary) {
      this.clear();
      out.write(`${summary}\n`);
    },
  };
}
