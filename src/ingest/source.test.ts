import { describe, expect, it } from 'vitest';
import { classifySource, redactUrl } from './source.ts';

describe('classifySource and redactUrl', () => {
  it.each([
    ['rtsp://cam/1', { kind: 'live', protocol: 'rtsp', display: 'rtsp://cam/1' }],
    ['RTSPS://cam/1', { kind: 'live', protocol: 'rtsps' }],
    ['https://h/x.m3u8', { kind: 'live', protocol: 'https' }],
    ['rtsp://admin:s3cret@cam:554/x', { kind: 'live', display: 'rtsp://admin:***@cam:554/x' }],
    ['clips/a.mp4', { kind: 'file', input: 'clips/a.mp4' }],
    ['file:///data/a%20b.mp4', { kind: 'file', input: '/data/a b.mp4' }],
  ])('%s', (url, expected) => {
    expect(classifySource(url)).toMatchObject(expected);
  });

  it('leaves a URL without password alone', () => {
    expect(redactUrl('http://user@h/x')).toBe('http://user@h/x');
  });
});
