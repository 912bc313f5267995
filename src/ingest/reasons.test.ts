import { describe, expect, it } from 'vitest';
import { runEndReason, sourceMessage } from './reasons.ts';
import { classifySource } from './source.ts';

describe('reasons', () => {
  const rtsp = classifySource('rtsp://u:pw@h:1/x');
  const file = classifySource('/v/a.txt');
  const run = { frames: 0, exitCode: 1, exitSignal: null, stderrLines: [] as string[] };
  it.each([
    ['ffmpeg line naming the file', file, 'file:/v/a.txt: Invalid data found when processing input', '/v/a.txt: Invalid data found when processing input'],
    ['ffmpeg line naming the URL, password hidden', rtsp, 'rtsp://u:pw@h:1/x: Connection refused', 'rtsp://u:***@h:1/x: Connection refused'],
    ['line without the source', rtsp, 'rtsp: method DESCRIBE failed: 404 Not Found', 'rtsp://u:***@h:1/x: rtsp: method DESCRIBE failed: 404 Not Found'],
  ])('%s', (_name, source, line, expected) => {
    expect(sourceMessage(source, line)).toBe(expected);
  });

  it.each([
    ['stall', { ...run, frames: 3, stopped: 'stalled' as const }, 'rtsp://u:***@h:1/x: no frame for 5 s'],
    ['clean end of a live stream', { ...run, frames: 3, exitCode: 0 }, 'rtsp://u:***@h:1/x: stream ended'],
    ['killed, nothing said', { ...run, exitCode: null, exitSignal: 'SIGKILL' as const }, 'rtsp://u:***@h:1/x: ffmpeg killed by SIGKILL'],
    ['spawn error', { ...run, spawnError: 'spawn ffmpeg ENOENT' }, 'cannot start ffmpeg: spawn ffmpeg ENOENT'],
  ])('%s', (_name, result, expected) => {
    expect(runEndReason(rtsp, result, 5000)).toBe(expected);
  });
});
