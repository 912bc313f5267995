/**
 * Alerts still waiting for the store when `vigie serve` stops (disk full) are not dropped: they are
 * written, one JSON object per line, to `unstored-alerts.ndjson` in the data folder, or, when even
 * that fails, to the system's temporary folder (the log says where). At the next start the file of
 * the data folder is read back into the store, and removed once every alert in it is stored.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { storedAlertSchema } from '../api/doc-schemas.ts';
import type { Alert } from '../core/types.ts';
import { errorMessage } from '../core/errors.ts';

export const RESCUE_FILE = 'unstored-alerts.ndjson';

const alertLineSchema = storedAlertSchema.omit({ status: true, qualifiedAtMs: true, qualifiedBy: true, note: true, ackSeconds: true, clipPath: true });

export interface RescueWrite {
  /** Where the alerts went; undefined when nothing could be written. */
  readonly path?: string;
  readonly failures: readonly string[];
}

/** Writes `alerts` (oldest first) to the data folder, else to the temporary folder. */
export function writeRescue(dataDir: string, alerts: readonly Alert[], nowMs = Date.now()): RescueWrite {
  const text = alerts.map((a) => JSON.stringify(a)).join('\n') + '\n';
  const failures: string[] = [];
  for (const file of [path.join(dataDir, RESCUE_FILE), path.join(tmpdir(), `vigie-${RESCUE_FILE.replace('.ndjson', '')}-${nowMs}.ndjson`)]) {
    try {
      // Appended to a file a previous stop may have left (not read back yet): nothing is overwritten.
      writeFileSync(file, text, { flag: 'a' });
      return { path: file, failures };
    } catch (err) {
      failures.push(`${file}: ${errorMessage(err)}`);
    }
  }
  return { failures };
}

export interface RescueRead {
  readonly alerts: Alert[];
  /** Lines that are not an alert (line number and why). */
  readonly problems: readonly string[];
}

/** The alerts of the data folder's rescue file (none when there is no file). */
export function readRescue(dataDir: string): RescueRead {
  const file = path.join(dataDir, RESCUE_FILE);
  if (!existsSync(file)) return { alerts: [], problems: [] };
  const alerts: Alert[] = [];
  const problems: string[] = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (!line.trim()) return;
      try {
        const parsed = alertLineSchema.safeParse(JSON.parse(line));
        if (parsed.success) alerts.push(parsed.data as Alert);
        else problems.push(`line ${i + 1}: ${parsed.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`);
      } catch (err) {
        problems.push(`line ${i + 1}: ${errorMessage(err)}`);
      }
    });
  return { alerts, problems };
}

export function removeRescue(dataDir: string): void {
  rmSync(path.join(dataDir, RESCUE_FILE), { force: true });
}
