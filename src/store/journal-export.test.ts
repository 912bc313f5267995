import { describe, expect, it } from 'vitest';
import { checkpointsWithin, csvField, csvRow, exportChunks } from './journal-export.ts';
import type { JournalRecord } from './journal-chain.ts';

describe('journal export', () => {
  // [value, CSV field (RFC 4180)]
  const fields: [string | number | null, string][] = [
    [null, ''],
    [42, '42'],
    ['login', 'login'],
    ['GET /api/alerts/:id', 'GET /api/alerts/:id'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\r', '"cr\r"'],
    ['{"status":200}', '"{""status"":200}"'],
  ];
  it.each(fields)('%j -> %s', (value, field) => expect(csvField(value)).toBe(field));

  const record = (seq: number): JournalRecord => ({ seq, at_ms: 1000 * seq, actor: null, action: 'x', target: null, details: null, prev: 'p', hash: 'h' });
  it('a row per entry, CRLF ended, the time in ISO 8601 beside the milliseconds', () => {
    expect(csvRow(record(3))).toBe('3,1970-01-01T00:00:03.000Z,3000,,x,,,p,h\r\n');
  });

  const checkpoint = (kind: string, seq: number) => ({ payload: JSON.stringify({ v: 1, kind, seq, hash: 'h', atMs: 0, entries: 1, every: 100, key: 'k' }), signature: 's' });
  it('an export carries the checkpoints of its entries (and the purge record just before them)', () => {
    const all = [checkpoint('purge', 4), checkpoint('head', 3), checkpoint('head', 7), checkpoint('head', 12)];
    expect(checkpointsWithin(all, 5, 10).map((c) => JSON.parse(c.checkpoint) as { seq: number }).map((p) => p.seq)).toEqual([4, 7]);
    const source = { records: (after: number, last: number, n: number) => Array.from({ length: Math.max(0, Math.min(n, last - after)) }, (_, i) => record(after + 1 + i)), checkpoints: () => all };
    const ndjson = [...exportChunks(source, { first: 5, last: 10 }, 'ndjson', 4)];
    expect(ndjson).toHaveLength(3); // 4 + 2 records, then the checkpoints
    expect(ndjson.join('').trim().split('\n')).toHaveLength(8);
    expect([...exportChunks(source, undefined, 'csv')]).toEqual(['seq,time,at_ms,actor,action,target,details,prev,hash\r\n']);
  });
});
