/** A one-line progress indicator on a TTY stream (files only: live streams have no end). */
export interface Progress {
  update(seconds: number): void;
  clear(): void;
  done(summary: string): void;
}

export function createProgress(out: NodeJS.WriteStream, minIntervalMs = 200): Progress {
  let last = 0;
  let shown = false;
  const started = Date.now();
  return {
    update(seconds) {
      const now = Date.now();
      if (now - last < minIntervalMs) return;
      last = now;
      const speed = seconds / Math.max(0.001, (now - started) / 1000);
      out.write(`\r\x1b[K analysing: ${seconds.toFixed(1)} s of footage (${speed.toFixed(1)}x real time)`);
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
