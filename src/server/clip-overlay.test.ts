import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveFfmpegPath } from '../ingest/ffmpeg-path.ts';
import { startClipEncoder } from './clip-encoder.ts';
import { createClipRecorder } from './clip-recorder.ts';
import { silentLogger } from './log.ts';
import { alertFrameIndex, overlayFilter, safeFontFile } from './clip-overlay.ts';
import { clipTextFont, FONT_CANDIDATES, listsDrawtext, pickFontFile } from './overlay-support.ts';

const BOX = { x1: 0.25, y1: 0.25, x2: 0.75, y2: 0.75 };

it.each<[number[], number, number]>([
  [[], 1000, 0],
  [[0, 200, 400, 600], 400, 2],
  [[0, 200, 400, 600], 300, 2],
  [[0, 200, 400, 600], 0, 0],
  [[0, 200, 400, 600], 900, 3],
])('alertFrameIndex(%j, %i) = %i', (times, alertTMs, index) => {
  expect(alertFrameIndex(times, alertTMs)).toBe(index);
});

it.each<[string | undefined, string | undefined]>([
  ['/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf'],
  ['C:/Windows/Fonts/arial.ttf', undefined],
  ["/fonts/it's.ttf", undefined],
  ['/fonts/a,b.ttf', undefined],
  [undefined, undefined],
])('safeFontFile(%s) = %s', (file, safe) => {
  expect(safeFontFile(file)).toBe(safe);
});

describe('overlayFilter', () => {
  const base = { alertAtS: 5, alertWallMs: Date.UTC(2024, 0, 2, 3, 4, 5) };
  it.each<[string, Parameters<typeof overlayFilter>[0], RegExp[], RegExp[]]>([
    ['box and text', { ...base, box: BOX, fontFile: '/f.ttf' }, [/drawbox=x=iw\*0\.25:y=ih\*0\.25:w=iw\*0\.5:h=ih\*0\.5:.*between\(t,4,8\)/, /drawtext=.*localtime\\:1704164640\\:/, /text='ALERT':enable='between\(t,5,7\)'/], []],
    ['no font: box-only', { ...base, box: BOX }, [/drawbox=x=iw\*0\.25/, /between\(t,5,5\.6\)/], [/drawtext/]],
    ['no box: border and text', { ...base, fontFile: '/f.ttf' }, [/drawtext/, /drawbox=x=0:y=0:w=iw:h=ih/], [/drawbox=x=iw/]],
    ['unsafe font path: box-only', { ...base, box: BOX, fontFile: "/x'y.ttf" }, [/drawbox/], [/drawtext/]],
    ['alert at the start: box window clamped at 0', { ...base, alertAtS: 0.4, box: BOX }, [/between\(t,0,3\.4\)/], []],
    ['box outside the frame is clamped', { ...base, box: { x1: -0.5, y1: 0.1, x2: 1.5, y2: 0.2 } }, [/x=iw\*0:y=ih\*0\.1:w=iw\*1:h=ih\*0\.1/], []],
  ])('%s', (_name, input, present, absent) => {
    const f = overlayFilter(input);
    for (const re of present) expect(f).toMatch(re);
    for (const re of absent) expect(f).not.toMatch(re);
  });
});

it.each<[string[], string[], string | undefined]>([
  [['/a', '/b'], ['/b'], '/b'],
  [['', '/a'], ['/a', ''], '/a'],
  [['/a'], [], undefined],
])('pickFontFile(%j) with %j present = %s', (candidates, present, font) => {
  expect(pickFontFile(candidates, (f) => present.includes(f))).toBe(font);
});

it.each<[string, boolean]>([
  [' T.C drawbox           V->V       Draw a colored box.\n T.C drawtext          V->V       Draw text.\n', true],
  [' T.C drawbox           V->V       Draw a colored box.\n', false],
  [' ... drawtext_x        V->V       other\n', false],
])('listsDrawtext(%j) = %s', (out, has) => {
  expect(listsDrawtext(out)).toBe(has);
});

const ffmpeg = resolveFfmpegPath();

describe.skipIf(!ffmpeg)('burnt in by the real ffmpeg', () => {
  const W = 160;
  const H = 120;
  const FPS = 5;
  let dir: string;
  let font: string | undefined;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'vigie-overlay-'));
    font = await clipTextFont(ffmpeg!, () => undefined);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Encodes 30 grey frames with the overlay of an alert at frame 10 (2 s); returns the decoded RGB frames. */
  async function encode(fontFile: string | undefined): Promise<Uint8Array[]> {
    const file = path.join(dir, `clip-${fontFile ? 'text' : 'box'}.mp4`);
    const overlay = overlayFilter({ box: BOX, alertAtS: 10 / FPS, alertWallMs: Date.UTC(2024, 0, 2, 3, 4, 5), ...(fontFile ? { fontFile } : {}) });
    const enc = startClipEncoder({ ffmpegPath: ffmpeg!, file, width: W, height: H, fps: FPS, overlay });
    for (let i = 0; i < 30; i++) enc.write({ width: W, height: H, data: new Uint8Array(W * H * 3).fill(128) });
    expect(await enc.finish()).toEqual({ ok: true, frames: 30 });
    const raw = execFileSync(ffmpeg!, ['-v', 'error', '-i', file, '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1'], { maxBuffer: 64 << 20 });
    const size = W * H * 3;
    return Array.from({ length: raw.length / size }, (_, i) => new Uint8Array(raw.subarray(i * size, (i + 1) * size)));
  }
  const rgb = (f: Uint8Array, x: number, y: number): [number, number, number] => {
    const o = (y * W + x) * 3;
    return [f[o]!, f[o + 1]!, f[o + 2]!];
  };
  const isRed = ([r, g, b]: [number, number, number]): boolean => r > 180 && g < 90 && b < 90;
  const isGrey = ([r, g, b]: [number, number, number]): boolean => Math.abs(r - 128) < 12 && Math.abs(g - 128) < 12 && Math.abs(b - 128) < 12;

  it('draws the box around the alert and the border at its moment, not before', async () => {
    const frames = await encode(undefined);
    expect(frames).toHaveLength(30);
    const boxEdge = (f: Uint8Array): [number, number, number] => rgb(f, W / 2, H / 4 + 1); // top edge of the box
    const border = (f: Uint8Array): [number, number, number] => rgb(f, W / 2, 1);
    expect(isGrey(boxEdge(frames[0]!))).toBe(true); // 2 s before: nothing
    expect(isGrey(border(frames[0]!))).toBe(true);
    expect(isRed(boxEdge(frames[10]!))).toBe(true); // the alert frame: box and border
    expect(isRed(border(frames[10]!))).toBe(true);
    expect(isRed(boxEdge(frames[20]!))).toBe(true); // 2 s after: box still, border gone
    expect(isGrey(border(frames[20]!))).toBe(true);
    expect(isGrey(boxEdge(frames[29]!))).toBe(true); // 3.8 s after: box gone
  });

  it('the recorder marks the moment of the alert that opened the clip, after its ring of earlier frames', async () => {
    let rel: string | undefined;
    const rec = createClipRecorder({ mediaDir: dir, ffmpegPath: ffmpeg!, fps: FPS, logger: silentLogger, onClip: (_ids, r) => void (rel = r) });
    const grey = (seq: number) => ({ cameraId: 'gate', seq, tMs: seq * 200, wallMs: seq * 200, width: W, height: H, data: new Uint8Array(W * H * 3).fill(128) });
    for (let seq = 0; seq < 60; seq++) {
      rec.pushFrame(grey(seq));
      if (seq === 40) rec.onAlert({ id: 'a1', cameraId: 'gate', type: 'intrusion', tMs: 40 * 200, frameWallMs: 8000, createdAtMs: Date.UTC(2024, 0, 2), box: BOX, score: 1, message: 'm' });
    }
    await rec.close();
    expect(rel).toBeDefined();
    const file = path.join(dir, rel!);
    const raw = execFileSync(ffmpeg!, ['-v', 'error', '-i', file, '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1'], { maxBuffer: 64 << 20 });
    const size = W * H * 3;
    const redBorder = Array.from({ length: raw.length / size }, (_, i) => {
      const o = i * size + (W / 2) * 3; // top row, middle
      return raw[o]! > 180 && raw[o + 1]! < 90 && raw[o + 2]! < 90;
    });
    // 25 ring frames (seq 16-40, the alert frame last), then seq 41-59: the border from frame 24 through 0.6 s later (4 frames at 5 fps, both ends included).
    expect(redBorder.length).toBe(44);
    expect(redBorder.flatMap((red, i) => (red ? [i] : []))).toEqual([24, 25, 26, 27]);
  });

  it.skipIf(!FONT_CANDIDATES.some((f) => existsSync(f)))('writes the wall-clock time at the bottom left when drawtext and a font exist', async () => {
    expect(font).toBeDefined();
    const frames = await encode(font);
    const band = (f: Uint8Array): number => {
      let notGrey = 0;
      for (let y = H - 20; y < H - 2; y++) for (let x = 4; x < 90; x++) if (!isGrey(rgb(f, x, y))) notGrey++;
      return notGrey;
    };
    expect(band(frames[0]!)).toBeGreaterThan(100);
    expect(band(frames[29]!)).toBeGreaterThan(100);
  });
});
