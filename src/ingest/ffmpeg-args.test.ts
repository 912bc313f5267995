import { describe, expect, it } from 'vitest';
import { buildFfmpegArgs, STILL_DURATION_MS } from './ffmpeg-args.ts';
import { classifySource } from './source.ts';

describe('buildFfmpegArgs', () => {
  const base = { fps: 5, width: 640, realtime: false, still: false };
  it.each([
    ['plain file', { source: classifySource('/v/a.mp4') }, ['-threads', '1', '-i', 'file:/v/a.mp4', '-an', '-sn', '-dn', '-vf', 'fps=5,scale=640:-2:flags=fast_bilinear'], ['-re', '-t']],
    ['paced file', { source: classifySource('/v/a.mp4'), realtime: true }, ['-re', '-threads', '1', '-i', 'file:/v/a.mp4'], ['-t']],
    ['still', { source: classifySource('/v/a.jpg'), still: true }, ['-vf', 'scale=640:-2,loop=loop=-1:size=1,fps=5', '-t', '5'], ['-re']],
    ['rtsp over udp', { source: classifySource('rtsp://h/x') }, ['-rtsp_transport', 'udp', '-threads', '1', '-i', 'rtsp://h/x', '-an', '-sn', '-dn', '-vf', 'fps=5,scale=640:-2:flags=fast_bilinear'], ['-re']],
    ['http', { source: classifySource('http://h/x') }, ['-i', 'http://h/x'], ['-rtsp_transport', '-re']],
  ])('%s', (_name, plan, contains, excludes) => {
    const args = buildFfmpegArgs({ ...base, ...plan });
    expect(args.join(' ')).toContain(contains.join(' '));
    for (const flag of excludes) expect(args).not.toContain(flag);
    expect(args.slice(-5)).toEqual(['-pix_fmt', 'rgb24', '-f', 'rawvideo', 'pipe:1']);
  });

  it('repeats a still for the documented duration', () => {
    expect(STILL_DURATION_MS).toBe(5000);
  });
});
