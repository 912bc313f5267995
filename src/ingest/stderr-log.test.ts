import { describe, expect, it } from 'vitest';
import { createLineLog, createOutputSizeReader, lastErrorLine, parseBenchCpuMs } from './stderr-log.ts';

// Real ffmpeg 5.1 output, abridged.
const TRANSCODE_LOG = `Input #0, avi, from 'clip.avi':
  Duration: 00:00:30.00, start: 0.000000, bitrate: 262 kb/s
  Stream #0:0: Video: rawvideo (BGR[24] / 0x18524742), bgr24, 320x240, 25 fps
Stream mapping:
  Stream #0:0 -> #0:0 (mpeg4 (native) -> rawvideo (native))
Output #0, rawvideo, to 'pipe:1':
  Metadata:
    encoder         : Lavf59.27.100
  Stream #0:0: Video: rawvideo (RGB[24] / 0x18424752), rgb24(pc, gbr/unknown/unknown, progressive), 640x480 [SAR 1:1 DAR 4:3], q=2-31, 36864 kb/s, 5 fps, 5 tbn
frame=  149 fps=0.0 q=-0.0 Lsize=  134100kB time=00:00:30.00 bitrate=36618.2kbits/s speed=  96x
video:134100kB audio:0kB subtitle:0kB other streams:0kB global headers:0kB muxing overhead: 0.000000%
bench: utime=0.255s stime=0.088s rtime=0.313s
bench: maxrss=59896kB`;

describe('createLineLog', () => {
  it('splits on \\n, \\r\\n and \\r, across chunks, and keeps only the last lines', () => {
    const log = createLineLog(3);
    expect(log.push('a\nb')).toEqual(['a']);
    expect(log.push('c\r\nd\re\n')).toEqual(['bc', 'd', 'e']);
    log.push('f\ng');
    expect(log.lines()).toEqual(['e', 'f', 'g']);
  });

  it('caps the length of a line that never ends', () => {
    const log = createLineLog(3, 10);
    log.push('x'.repeat(1000));
    expect(log.lines()).toEqual(['x'.repeat(10)]);
  });
});

describe('createOutputSizeReader', () => {
  it('reads the size of the output stream, not of a raw input stream', () => {
    const read = createOutputSizeReader();
    const sizes = TRANSCODE_LOG.split('\n').map(read).filter((s) => s !== undefined);
    expect(sizes).toEqual([{ width: 640, height: 480 }]);
  });
});

describe('parseBenchCpuMs', () => {
  it.each([
    [['bench: utime=0.255s stime=0.088s rtime=0.313s'], 343],
    [['frame= 1', 'bench: utime=12.000s stime=1.500s rtime=20.0s', 'bench: maxrss=1kB'], 13500],
    [['no bench here'], undefined],
  ])('%j -> %s', (lines, expected) => {
    expect(parseBenchCpuMs(lines)).toBe(expected);
  });
});

describe('lastErrorLine', () => {
  it.each([
    ['missing file', ['missing.mp4: No such file or directory'], 'missing.mp4: No such file or directory'],
    [
      'refused, with component context',
      ['[tcp @ 0x55ad9119e580] Connection to tcp://127.0.0.1:1 failed: Connection refused', 'rtsp://h/x: Connection refused'],
      'rtsp://h/x: Connection refused',
    ],
    ['context stripped', ['[rtsp @ 0x5572d7abf940] method DESCRIBE failed: 404 Not Found'], 'rtsp: method DESCRIBE failed: 404 Not Found'],
    ['progress and bench skipped', TRANSCODE_LOG.split('\n'), undefined],
    ['error before the final stats', ['[h264 @ 0x1] error while decoding MB 3 4', ...TRANSCODE_LOG.split('\n')], 'h264: error while decoding MB 3 4'],
    ['probe noise skipped', ['x.txt: Invalid data found when processing input', 'At least one output file must be specified'], 'x.txt: Invalid data found when processing input'],
  ])('%s', (_name, lines, expected) => {
    expect(lastErrorLine(lines)).toBe(expected);
  });
});
