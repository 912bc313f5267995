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

  it.each([
    ['video', { source: classifySource('/v/a.mp4') }, [], '[0:v]fps=5,split=2[raw][ev];[raw]scale=640:-2:flags=fast_bilinear,format=rgb24[analysis];[ev]scale=640:-2:flags=fast_bilinear,format=yuvj420p[evidence]'],
    ['live', { source: classifySource('rtsp://h/x') }, [], '[0:v]fps=5,split=2[raw][ev];[raw]scale=640:-2:flags=fast_bilinear,format=rgb24[analysis];[ev]scale=640:-2:flags=fast_bilinear,format=yuvj420p[evidence]'],
    ['still: both outputs stop after the still duration', { source: classifySource('/v/a.jpg'), still: true }, ['-t', '5'], '[0:v]scale=640:-2,loop=loop=-1:size=1,fps=5,format=rgb24,split=2[analysis][ev];[ev]scale=flags=fast_bilinear,format=yuvj420p[evidence]'],
  ])('with evidence (%s): one graph split in two, JPEGs on fd 3, raw RGB last on stdout', (_name, plan, perOutput, expected) => {
    const args = buildFfmpegArgs({ ...base, ...plan, evidence: true });
    expect(args[args.indexOf('-filter_complex') + 1]).toBe(expected);
    expect(args).not.toContain('-vf');
    expect(args.join(' ')).toContain(['-vsync', 'passthrough'].join(' '));
    expect(args.join(' ')).toContain(['-map', '[evidence]', ...perOutput, '-c:v', 'mjpeg', '-q:v', '2', '-f', 'image2pipe', 'pipe:3'].join(' '));
    expect(args.slice(-7 - perOutput.length)).toEqual(['-map', '[analysis]', ...perOutput, '-pix_fmt', 'rgb24', '-f', 'rawvideo', 'pipe:1']);
  });

  it('repeats a still for the documented duration', () => {
    expect(STILL_DURATION_MS).toBe(5000);
  });
});
