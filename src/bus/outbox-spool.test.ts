import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spooledVerdict, takeSpool, writeSpool, type SpoolHeader, type SpooledMessage } from './outbox-spool.ts';
import type { QueuedMessage } from './publisher.ts';

const header: SpoolHeader = { v: 1, workerId: 'w1', savedAtMs: 50_000, safeUntil: { cam1: 8000 } };

describe('outbox spool file', () => {
  let dir: string;
  let file: string;
  let logs: string[];
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'vigie-spool-'));
    file = path.join(dir, 'bus-outbox.ndjson');
    logs = [];
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps every message to the byte, with its id, headers, fence and whether it was held; taking it removes the file', () => {
    const binary = new Uint8Array(300_000).map((_, i) => (i * 31) % 256);
    const messages: QueuedMessage[] = [
      { subject: 'vigie.alerts.cam1', data: new TextEncoder().encode('{"a":1}'), opts: { msgID: 'A1', fence: { key: 'cam1', atMs: 7000 } }, decision: 'send' },
      { subject: 'vigie.media.A1', data: binary, opts: { msgID: 'A1-x.0', headers: { 'Vigie-Clip-Index': '0' }, fence: { key: 'cam1', atMs: 9000 }, expendable: { group: 'clip A1' } }, decision: 'hold' },
      { subject: 'vigie.alerts.cam2', data: new Uint8Array(0), opts: {}, decision: 'send' },
    ];
    writeSpool(file, header, messages);
    expect(existsSync(`${file}.tmp`)).toBe(false);
    const spool = takeSpool(file, (m) => void logs.push(m));
    expect(existsSync(file)).toBe(false);
    expect(logs).toEqual([]);
    expect(spool?.header).toEqual(header);
    expect(spool?.messages.map((m) => ({ ...m, data: Buffer.from(m.data).toString('hex') }))).toEqual([
      { subject: 'vigie.alerts.cam1', data: Buffer.from('{"a":1}').toString('hex'), opts: { msgID: 'A1', fence: { key: 'cam1', atMs: 7000 } }, held: false },
      { subject: 'vigie.media.A1', data: Buffer.from(binary).toString('hex'), opts: { msgID: 'A1-x.0', headers: { 'Vigie-Clip-Index': '0' }, fence: { key: 'cam1', atMs: 9000 }, expendable: { group: 'clip A1' } }, held: true },
      { subject: 'vigie.alerts.cam2', data: '', opts: {}, held: false },
    ]);
  });

  it('no file: nothing; nothing to keep: no file', () => {
    expect(takeSpool(file, (m) => void logs.push(m))).toBeUndefined();
    writeFileSync(file, 'old');
    writeSpool(file, header, []);
    expect(existsSync(file)).toBe(false);
    expect(logs).toEqual([]);
  });

  it('an unreadable header: the file is renamed .bad, nothing published, said; an unreadable line is skipped, said', () => {
    writeFileSync(file, '{"v":2}\n{"subject":"s","data":"","held":false}\n');
    expect(takeSpool(file, (m) => void logs.push(m))).toBeUndefined();
    expect(readFileSync(`${file}.bad`, 'utf8')).toContain('"v":2');
    expect(logs).toHaveLength(1);
    expect(logs[0]).toContain('renamed bus-outbox.ndjson.bad');

    logs = [];
    writeFileSync(file, `${JSON.stringify(header)}\nnot json\n{"subject":"s","data":"AA==","held":"yes"}\n{"subject":"t","data":"AQ==","held":false}\n`);
    const spool = takeSpool(file, (m) => void logs.push(m));
    expect(spool?.messages.map((m) => m.subject)).toEqual(['t']);
    expect(logs.map((l) => /line (\d)/.exec(l)?.[1])).toEqual(['2', '3']);
  });
});

describe('a kept message at the next start', () => {
  const msg = (atMs: number, held: boolean, fenced = true): SpooledMessage => ({ subject: 'vigie.alerts.cam1', data: new Uint8Array(), opts: fenced ? { fence: { key: 'cam1', atMs } } : {}, held });
  it.each([
    ['not held: sent whoever holds the lease now', msg(20_000, false), { workerId: 'w2', sinceMs: 10_000 }, 'send'],
    ['no fence: sent', msg(20_000, true, false), { workerId: 'w2', sinceMs: 10_000 }, 'send'],
    ['held, the lease still this worker name\'s: sent', msg(20_000, true), { workerId: 'w1', sinceMs: 0 }, 'send'],
    ['held, no lease now (expired, deleted): sent', msg(20_000, true), undefined, 'send'],
    ['held, made before another took the lease: sent', msg(9999, true), { workerId: 'w2', sinceMs: 10_000 }, 'send'],
    ['held, made from the takeover on: dropped', msg(10_000, true), { workerId: 'w2', sinceMs: 10_000 }, 'drop'],
    ["held, the holder's since before the sure end: counted from the sure end", msg(7999, true), { workerId: 'w2', sinceMs: 5000 }, 'send'],
    ['held, the holder unknown since when: from the sure end', msg(8000, true), { workerId: 'w2' }, 'drop'],
  ] as const)('%s', (_name, m, lease, expected) => {
    expect(spooledVerdict(m, header, lease)).toBe(expected);
  });
});
