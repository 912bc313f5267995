import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { journalFiles, keptVerdict, openJournal, type KeptMeta } from './outbox-journal.ts';

const meta = (m: Partial<KeptMeta> = {}): Omit<KeptMeta, 'v'> => ({ workerId: 'w1', queuedAtMs: 50_000, subject: 'vigie.alerts.cam1', ...m });

describe('outbox journal', () => {
  let dir: string;
  let logs: string[];
  const log = (m: string): void => void logs.push(m);
  beforeEach(() => {
    dir = path.join(mkdtempSync(path.join(tmpdir(), 'vigie-journal-')), 'bus-outbox');
    logs = [];
  });
  afterEach(() => rmSync(path.dirname(dir), { recursive: true, force: true }));

  it('keeps each message to the byte, with its id, headers and fence, from add until done; the next open reads what is left, oldest first', async () => {
    const { journal, kept } = openJournal(dir, log);
    expect(kept).toEqual([]);
    const binary = new Uint8Array(300_000).map((_, i) => (i * 31) % 256);
    const a = journal.add(meta({ msgID: 'A1', fence: { key: 'cam1', atMs: 7000 }, safeUntilMs: 8000 }), new TextEncoder().encode('{"a":1}\n2'));
    const b = journal.add(meta({ subject: 'vigie.media.A1', msgID: 'A1-x.0', headers: { 'Vigie-Clip-Index': '0' }, fence: { key: 'cam1', atMs: 9000 }, expendable: { group: 'clip A1' } }), binary);
    const c = journal.add(meta({ subject: 'vigie.alerts.cam2' }), new Uint8Array(0));
    journal.done(b);
    await journal.settled();
    expect(journalFiles(dir)).toEqual(['000000000001.msg', '000000000003.msg']);
    expect([await a, await c].map((f) => path.basename(f!))).toEqual(['000000000001.msg', '000000000003.msg']);
    await journal.release();

    const next = openJournal(dir, log);
    expect(next.kept.map((k) => ({ ...k.meta, data: Buffer.from(k.data).toString() }))).toEqual([
      { v: 1, ...meta({ msgID: 'A1', fence: { key: 'cam1', atMs: 7000 }, safeUntilMs: 8000 }), data: '{"a":1}\n2' },
      { v: 1, ...meta({ subject: 'vigie.alerts.cam2' }), data: '' },
    ]);
    // Numbering goes on after what is kept: a new message never takes an old one's file.
    const d = next.journal.add(meta(), new Uint8Array([1]));
    expect(path.basename((await d)!)).toBe('000000000004.msg');
    for (const k of next.kept) next.journal.forget(k.file);
    await next.journal.release();
    expect(journalFiles(dir)).toEqual(['000000000004.msg']);
    expect(logs).toEqual([]);

    // Byte for byte, the big one too.
    const again = openJournal(dir, log);
    expect(Buffer.from(again.kept[0]!.data).equals(Buffer.from([1]))).toBe(true);
    await again.journal.release();
    const e = openJournal(dir, log).journal;
    const big = e.add(meta(), binary);
    await e.settled();
    expect(readFileSync((await big)!).subarray(-binary.length).equals(Buffer.from(binary))).toBe(true);
  });

  it('what it cannot read is renamed .bad and said; a write cut short is removed and said; other files are left alone', () => {
    const { journal } = openJournal(dir, log);
    void journal.release();
    writeFileSync(path.join(dir, '000000000001.msg'), `${JSON.stringify({ v: 2, subject: 's' })}\nxx`);
    writeFileSync(path.join(dir, '000000000002.msg'), 'no header line');
    writeFileSync(path.join(dir, '000000000003.msg'), `${JSON.stringify({ v: 1, ...meta({ msgID: 'ok' }) })}\nhello`);
    writeFileSync(path.join(dir, '000000000004.msg.tmp'), 'half');
    writeFileSync(path.join(dir, 'README'), 'a person wrote this');
    const { kept, journal: j } = openJournal(dir, log);
    expect(kept.map((k) => k.meta.msgID)).toEqual(['ok']);
    expect(readdirSync(dir).sort()).toEqual(['000000000001.msg.bad', '000000000002.msg.bad', '000000000003.msg', 'LOCK', 'README']);
    expect(logs).toHaveLength(3);
    expect(logs[0]).toContain('000000000001.msg not understood (v:');
    expect(logs[1]).toContain('000000000002.msg not understood (no header line)');
    expect(logs[2]).toContain('000000000004.msg.tmp: a write cut short by the stop, removed');
    void j.release();
  });

  it('a write that fails is said and the message is not kept; done() on it does nothing', async () => {
    const { journal } = openJournal(dir, log);
    rmSync(dir, { recursive: true });
    const entry = journal.add(meta({ msgID: 'X' }), new Uint8Array([1, 2]));
    journal.done(entry);
    expect(await entry).toBeUndefined();
    await journal.settled();
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatch(/^message to vigie\.alerts\.cam1 \(X\) not kept on disk, lost if the worker stops before it is published: .*ENOENT/);
  });

  it('one process per folder: a live process holding it refuses the start; a dead one\'s lock is taken over, said', () => {
    const live = openJournal(dir, log);
    // The same process (a test restarting a worker in place) takes it again.
    expect(() => openJournal(dir, log)).not.toThrow();
    void live.journal.release();
    // A live process of this host: the parent of this one.
    writeFileSync(path.join(dir, 'LOCK'), JSON.stringify({ pid: process.ppid, host: hostname() }));
    expect(() => openJournal(dir, log)).toThrow(/in use by process \d+ of this host \(one worker per data folder/);
    // A process that exited.
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    writeFileSync(path.join(dir, 'LOCK'), JSON.stringify({ pid: Number(gone.stdout), host: hostname() }));
    expect(() => openJournal(dir, log)).not.toThrow();
    expect(logs.at(-1)).toContain(`left by process ${gone.stdout} of ${hostname()}, which stopped without freeing it: taken over`);
    expect(JSON.parse(readFileSync(path.join(dir, 'LOCK'), 'utf8'))).toEqual({ pid: process.pid, host: hostname() });
    // A lock file someone edited: taken over, said.
    for (const text of ['null', 'not json', '42']) {
      writeFileSync(path.join(dir, 'LOCK'), text);
      expect(() => openJournal(dir, log)).not.toThrow();
      expect(logs.at(-1)).toContain('LOCK not understood');
    }
  });

  it('release() frees the folder once every write is done; the files stay', async () => {
    const { journal } = openJournal(dir, log);
    void journal.add(meta(), new Uint8Array(10));
    await journal.release();
    expect(existsSync(path.join(dir, 'LOCK'))).toBe(false);
    expect(journalFiles(dir)).toHaveLength(1);
  });
});

describe('a kept message at the next start', () => {
  // Made at atMs by w1, whose lease was surely its own until safeUntilMs (8000) as it was queued.
  const kept = (atMs: number, safeUntilMs: number | null = 8000, fenced = true): KeptMeta => ({
    v: 1,
    ...meta(fenced ? { fence: { key: 'cam1', atMs }, ...(safeUntilMs !== null ? { safeUntilMs } : {}) } : {}),
  });
  it.each([
    ['made while the lease was surely held: sent whoever holds it now', kept(7000), { workerId: 'w2', sinceMs: 5000 }, 'send'],
    ['no fence: sent', kept(20_000, 8000, false), { workerId: 'w2', sinceMs: 10_000 }, 'send'],
    ["the lease still this worker name's: sent", kept(20_000), { workerId: 'w1', sinceMs: 0 }, 'send'],
    ['no lease now (expired, deleted): sent', kept(20_000), undefined, 'send'],
    ['made before another took the lease: sent', kept(9999), { workerId: 'w2', sinceMs: 10_000 }, 'send'],
    ['made from the takeover on: dropped', kept(10_000), { workerId: 'w2', sinceMs: 10_000 }, 'drop'],
    ["the holder's since before the sure end: counted from the sure end", kept(7999), { workerId: 'w2', sinceMs: 5000 }, 'send'],
    ['the holder unknown since when: from the sure end', kept(8000), { workerId: 'w2' }, 'drop'],
    ['never held (no sure end), made after the holder took it: dropped', kept(6000, null), { workerId: 'w2', sinceMs: 5000 }, 'drop'],
  ] as const)('%s', (_name, m, lease, expected) => {
    expect(keptVerdict(m, lease)).toBe(expected);
  });
});
