import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTE_DOCS } from './route-docs.ts';
import { createTestApi, dig, type TestApi } from './testing.ts';

describe('OpenAPI document', () => {
  let api: TestApi;
  beforeAll(() => {
    api = createTestApi();
  });
  afterAll(() => api.close());

  it('documents exactly the routes the router has', () => {
    const toDoc = (p: string): string => p.replace(/:(\w+)/g, '{$1}');
    const routed = new Set(
      api.app.routes
        .filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/') && !r.path.includes('*'))
        .map((r) => `${r.method.toLowerCase()} ${toDoc(r.path)}`),
    );
    const documented = new Set(ROUTE_DOCS.map((r) => `${r.method} ${r.path}`));
    expect([...routed].filter((r) => !documented.has(r))).toEqual([]);
    expect([...documented].filter((r) => !routed.has(r))).toEqual([]);
  });

  it('is an OpenAPI 3.1 document with request schemas from zod', async () => {
    const admin = await api.admin();
    const doc: unknown = await (await api.call('GET', '/api/openapi.json', undefined, admin)).json();
    expect(dig(doc, 'openapi')).toBe('3.1.0');
    const post = dig(doc, 'paths', '/api/cameras', 'post');
    expect(dig(post, 'requestBody', 'content', 'application/json', 'schema', 'required')).toEqual(['id', 'url']);
    expect(dig(post, 'requestBody', 'content', 'application/json', 'schema', 'properties', 'zones', 'items', 'properties', 'polygon', 'minItems')).toBe(3);
    expect(dig(post, 'responses', '201', 'content', 'application/json', 'schema', 'properties', 'status')).toBeDefined();
    const params = dig(doc, 'paths', '/api/alerts', 'get', 'parameters') as { name: string }[];
    expect(params.map((p) => p.name)).toEqual(['type', 'cameraId', 'status', 'since', 'until', 'limit']);
    const messages = dig(doc, 'components', 'schemas', 'ServerMessage');
    expect(dig(messages, 'oneOf') ?? dig(messages, 'anyOf')).toHaveLength(9);
    expect(dig(doc, 'paths', '/ws', 'get')).toBeDefined();
  });
});
