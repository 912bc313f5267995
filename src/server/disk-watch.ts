/**
 * Disk-space watchdog: the free space of the data folder, checked every `intervalMs` with
 * fs.statfs. Under `warnBytes` health is amber, under `criticalBytes` red; each change of level is
 * reported (the server journals it and raises or clears a disk_low system alert).
 */
import { statfs } from 'node:fs/promises';
import { errorMessage } from '../core/errors.ts';
import type { Logger } from './log.ts';

export type DiskLevel = 'ok' | 'warn' | 'bad';

export interface DiskState {
  readonly level: DiskLevel;
  readonly freeBytes?: number;
  /** Set when the free space could not be read. */
  readonly error?: string;
}

export function diskLevel(freeBytes: number, warnBytes: number, criticalBytes: number): DiskLevel {
  if (freeBytes < criticalBytes) return 'bad';
  return freeBytes < warnBytes ? 'warn' : 'ok';
}

export interface DiskWatchOptions {
  readonly dir: string;
  readonly warnBytes: number;
  readonly criticalBytes: number;
  readonly intervalMs: number;
  readonly logger: Logger;
  /** Free bytes of the file system holding dir (default: fs.statfs, bavail * bsize). */
  readonly freeBytes?: (dir: string) => Promise<number>;
  readonly onLevel: (state: DiskState, previous: DiskLevel) => void;
}

export interface DiskWatch {
  state(): DiskState;
  /** One check now (also run every intervalMs). */
  check(): Promise<DiskState>;
  close(): void;
}

const statfsFree = async (dir: string): Promise<number> => {
  const s = await statfs(dir);
  return s.bavail * s.bsize;
};

export function createDiskWatch(opts: DiskWatchOptions): DiskWatch {
  const free = opts.freeBytes ?? statfsFree;
  let state: DiskState = { level: 'ok' };
  const check = async (): Promise<DiskState> => {
    const previous = state.level;
    try {
      const freeBytes = await free(opts.dir);
      state = { level: diskLevel(freeBytes, opts.warnBytes, opts.criticalBytes), freeBytes };
    } catch (err) {
      opts.logger.error(`disk watch: free space of ${opts.dir} not read: ${errorMessage(err)}`);
      state = { ...state, error: errorMessage(err) };
    }
    if (state.level !== previous) opts.onLevel(state, previous);
    return state;
  };
  const timer = setInterval(() => void check(), opts.intervalMs);
  timer.unref();
  return { state: () => state, check, close: () => clearInterval(timer) };
}
