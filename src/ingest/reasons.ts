/** Human-readable reasons for a camera status, built from what ffmpeg said. Pure. */
import type { Source } from './source.ts';
import { redactText } from './source.ts';
import { lastErrorLine } from './stderr-log.ts';
import type { RunResult } from './ffmpeg-child.ts';

/** ffmpeg's last error line, with the source named once, as the user wrote it (password hidden). */
export function sourceMessage(source: Source, line: string): string {
  const clean = redactText(line, source);
  for (const prefix of [`file:${source.input}: `, `${source.display}: `]) {
    if (clean.startsWith(prefix)) return `${source.display}: ${clean.slice(prefix.length)}`;
  }
  return clean.includes(source.display) ? clean : `${source.display}: ${clean}`;
}

/** Why a run ended, for a status reason. */
export function runEndReason(source: Source, run: RunResult, stallTimeoutMs: number): string {
  const last = lastErrorLine(run.stderrLines);
  if (run.spawnError) return `cannot start ffmpeg: ${run.spawnError}`;
  if (run.readError) return sourceMessage(source, run.readError);
  if (run.stopped === 'stalled') {
    const stall = `no frame for ${stallTimeoutMs / 1000} s`;
    return sourceMessage(source, last ? `${stall} (ffmpeg: ${redactText(last, source)})` : stall);
  }
  if (run.exitCode === 0 && run.frames === 0) {
    return sourceMessage(source, `no frame decoded${last ? ` (ffmpeg: ${redactText(last, source)})` : ''}`);
  }
  if (last) return sourceMessage(source, last);
  if (run.exitCode === 0) return sourceMessage(source, source.kind === 'live' ? 'stream ended' : 'end of file');
  const how = run.exitSignal ? `killed by ${run.exitSignal}` : `exited with code ${String(run.exitCode)}`;
  return sourceMessage(source, `ffmpeg ${how}`);
}
