import { describe, expect, it } from 'vitest';
import { parseBusUrl } from '../cli/serve.ts';

describe('vigie serve --bus URL', () => {
  it.each([
    ['nats://127.0.0.1:4222', true],
    ['tls://bus.example.org:4222', true],
    ['nats://user:secret@bus:4222', true],
    ['http://127.0.0.1:4222', false],
    ['127.0.0.1:4222', false],
    ['nats://', false],
  ])('%s -> accepted: %s', (url, ok) => {
    if (ok) expect(parseBusUrl(url)).toBe(url);
    else expect(() => parseBusUrl(url)).toThrow('--bus must be a NATS address');
  });
});
