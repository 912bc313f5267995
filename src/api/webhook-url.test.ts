import { describe, expect, it } from 'vitest';
import { webhookUrlWarning } from './webhook-url.ts';

describe('webhookUrlWarning', () => {
  it.each([
    ['http://127.0.0.1:9000/hook', /loopback/],
    ['http://127.8.9.10/hook', /loopback/],
    ['http://localhost/hook', /loopback/],
    ['https://api.localhost/hook', /loopback/],
    ['http://LOCALHOST:80/', /loopback/],
    ['http://[::1]:8080/hook', /loopback/],
    ['http://[::ffff:127.0.0.1]/hook', /loopback/],
    ['http://0.0.0.0:8080/', /loopback/],
    ['http://169.254.169.254/latest/meta-data', /link-local/],
    ['http://[fe80::1]/hook', /link-local/],
    ['http://[::ffff:169.254.1.1]/', /link-local/],
  ])('warns for %s', (url, pattern) => {
    expect(webhookUrlWarning(url)).toMatch(pattern);
  });

  it.each(['https://hooks.example/vigie', 'http://10.0.0.5/hook', 'http://192.168.1.20/', 'http://[2001:db8::1]/', 'http://128.0.0.1/', 'http://169.255.0.1/', 'http://localhost.example.com/', 'not a url'])(
    'says nothing for %s',
    (url) => {
      expect(webhookUrlWarning(url)).toBeUndefined();
    },
  );
});
