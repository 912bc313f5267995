/**
 * Probes a media file with ffmpeg alone (`ffmpeg -i file` prints the input description on stderr
 * and exits 1 for want of an output), so no ffprobe is needed. Whether the file is a still image is
 * decided by decoding it (stills.ts), never from the container's description: builds differ there
 * (the 2018 static build reports no duration for any GIF, animated or not).
 */
import { spawn } from 'node:child_process';
import { createLineLog, lastErrorLine } from './stderr-log.ts';
import { countFrames } from './stills.ts';

export interface ProbeInfo {
  readonly format: string;
  readonly codec: string;
  readonly width: number;
  readonly height: number;
  readonly fps?: number;
  readonly durationMs?: number;
  /** A still image (one decodable frame): analysed as that image repeated. */
  readonly still: boolean;
}

/** What the input description says; `still` is decided by decoding. */
export type ProbeDescription = Omit<ProbeInfo, 'still'>;

export type ProbeResult = { readonly ok: true; readonly info: ProbeInfo } | { readonly ok: false; readonly reason: string };
export type DescriptionResult =
  | { readonly ok: true; readonly info: ProbeDescription }
  | { readonly ok: false; readonly reason: string };

/** Reads the description ffmpeg prints for input #0. */
export function parseProbe(stderr: string): DescriptionResult {
  const lines = stderr.split(/\r?\n/);
  const input = /^Input #0, (.+?), from /.exec(lines.find((l) => l.startsWith('Input #0')) ?? '');
  if (!input?.[1]) return { ok: false, reason: lastErrorLine(lines) ?? 'not a media file' };
  const format = input[1];
  const stream = lines.find((l) => /^\s+Stream #0:\d+.*: Video: /.test(l));
  const size = stream ? /, (\d{1,5})x(\d{1,5})[ ,]/.exec(stream) : null;
  if (!stream || !size) return { ok: false, reason: 'no video stream' };
  const codec = /Video: ([a-z0-9_]+)/.exec(stream)?.[1] ?? 'unknown';
  const fpsMatch = /, ([\d.]+) fps/.exec(stream);
  const dur = /Duration: (\d+):(\d\d):(\d\d(?:\.\d+)?)/.exec(stderr);
  const durationMs = dur ? Math.round((Number(dur[1]) * 3600 + Number(dur[2]) * 60 + Number(dur[3])) * 1000) : undefined;
  return {
    ok: true,
    info: {
      format,
      codec,
      width: Number(size[1]),
      height: Number(size[2]),
      ...(fpsMatch ? { fps: Number(fpsMatch[1]) } : {}),
      ...(durationMs !== undefined ? { durationMs } : {}),
    },
  };
}

/** Probes `file` (its description, then a decode of its first two frames); never rejects. */
export async function probeFile(ffmpegPath: string, file: string, timeoutMs = 15_000): Promise<ProbeResult> {
  const described = await describeFile(ffmpegPath, file, timeoutMs);
  if (!described.ok) return described;
  const frames = await countFrames(ffmpegPath, file, 2, timeoutMs);
  if (!frames.ok) return frames;
  if (frames.frames === 0) return { ok: false, reason: 'no decodable video frame' };
  return { ok: true, info: { ...described.info, still: frames.frames < 2 } };
}

function describeFile(ffmpegPath: string, file: string, timeoutMs: number): Promise<DescriptionResult> {
  return new Promise((resolve) => {
    const log = createLineLog(200);
    let text = '';
    const child = spawn(ffmpegPath, ['-hide_banner', '-nostdin', '-i', `file:${file}`], { stdio: ['ignore', 'ignore', 'pipe'] });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      log.push(chunk);
      if (text.length < 64_000) text += chunk;
    });
    child.on('error', (err) => {
      clearTimeout(timer);
      resolve({ ok: false, reason: `cannot run ffmpeg (${ffmpegPath}): ${err.message}` });
    });
    child.on('close', (_code, signal) => {
      clearTimeout(timer);
      if (signal === 'SIGKILL') resolve({ ok: false, reason: `probe timed out after ${timeoutMs} ms` });
      else resolve(parseProbe(text));
    });
  });
}
