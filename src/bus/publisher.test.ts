import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectBus, type Bus } from './connect.ts';
import { createOutbox } from './publisher.ts';
import { STREAM_ALERTS, SUBJECT_ALERTS } from './protocol.ts';
import { natsServerPath, startTestNats, streamMessages, type TestNats } from './testing.ts';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

function memoryLogger(): { info: (m: string) => void; error: (m: string) => void; lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (m) => void lines.push(m), error: (m) => void lines.push(`ERROR ${m}`) };
}

describe('outbox (no server)', () => {
  it('bounded: beyond maxPending the oldest waiting message is dropped, with an error naming it', async () => {
    const logger = memoryLogger();
    const js = { publish: () => Promise.reject(new Error('no responders')) };
    const outbox = createOutbox({ js, logger, maxPending: 3, backoff: { initialMs: 10_000, maxMs: 10_000 } });
    for (let i = 0; i < 5; i++) outbox.publish('vigie.alerts.cam', enc(String(i)), { msgID: `id${i}` });
    expect(outbox.pending()).toBe(3);
    const drops = logger.lines.filter((l) => l.includes('outbox full'));
    // id0 is in flight (its first try failed, it waits to retry): id1 and id2 went.
    expect(drops.map((l) => /\((id\d)\)/.exec(l)?.[1])).toEqual(['id1', 'id2']);
    expect(await outbox.flush(50)).toBe(false);
    outbox.close();
    expect(outbox.pending()).toBe(0);
  });

  it('bounded in bytes: clips go first, a whole clip at a time, then the oldest alert; the one in flight stays', async () => {
    const logger = memoryLogger();
    const js = { publish: () => Promise.reject(new Error('no responders')) };
    const outbox = createOutbox({ js, logger, maxBytes: 1200, backoff: { initialMs: 10_000, maxMs: 10_000 } });
    const alert = (id: string): void => outbox.publish('vigie.alerts.cam', new Uint8Array(100), { msgID: id });
    const chunk = (clip: string, i: number): void => outbox.publish(`vigie.media.${clip}`, new Uint8Array(300), { msgID: `${clip}.${i}`, expendable: { group: `clip ${clip}` } });
    alert('a0'); // in flight from here on
    chunk('c1', 0);
    chunk('c1', 1);
    alert('a1');
    chunk('c2', 0);
    expect(outbox.pending()).toBe(5); // 1100 bytes: under the bound
    chunk('c2', 1); // 1400: the oldest clip goes, both its chunks
    expect(outbox.pending()).toBe(4);
    chunk('c3', 0); // 1100
    alert('a2'); // 1200: at the bound
    alert('a3'); // 1300: clip c2 goes
    expect(outbox.pending()).toBe(5);
    // a9 brings 1300: clip c3 goes; a12 brings 1300 again with only alerts left: the oldest waiting one (a1) goes, not a0.
    for (let i = 4; i <= 12; i++) alert(`a${i}`);
    expect(logger.lines.filter((l) => l.includes('outbox full')).map((l) => /(group clip c\d|\(a\d+\))/.exec(l)?.[1])).toEqual(['group clip c1', 'group clip c2', 'group clip c3', '(a1)']);
    expect(logger.lines.find((l) => l.includes('group clip c1'))).toContain('(2 message(s) to vigie.media.c1)');
    expect(outbox.pending()).toBe(12);
    // A later chunk of a dropped clip is not queued: the clip is lost whole, not sent in part.
    chunk('c3', 1);
    expect(outbox.pending()).toBe(12);
    expect(logger.lines.at(-1)).toBe('ERROR bus: message to vigie.media.c3 (c3.1) dropped: the rest of its group clip c3 was dropped when the outbox was full');
    outbox.close();
  });

  it('fenced messages: held ones wait while the others go past them, in order; recheck() sends or drops them as the fence now says', async () => {
    const logger = memoryLogger();
    const sent: string[] = [];
    const js = {
      publish: async (_subject: string, data?: Uint8Array) => {
        sent.push(new TextDecoder().decode(data));
        return { stream: 'S', seq: sent.length, duplicate: false, domain: '' };
      },
    };
    // cam1's lease: sure until 100; then unknown; later taken from 150.
    const lease: { takenFrom?: number } = {};
    const decide = (key: string, atMs: number) => (key !== 'cam1' || atMs < 100 ? 'send' : lease.takenFrom === undefined ? 'hold' : atMs < lease.takenFrom ? 'send' : 'drop');
    const outbox = createOutbox({ js, logger, decide });
    const put = (key: string, atMs: number): void => outbox.publish(`vigie.alerts.${key}`, enc(`${key}@${atMs}`), { msgID: `${key}-${atMs}`, fence: { key, atMs } });
    put('cam1', 90);
    put('cam1', 120);
    put('cam2', 130);
    put('cam1', 160);
    outbox.publish('vigie.status.cam3', enc('plain'));
    expect(await outbox.flush(200)).toBe(false);
    expect(sent).toEqual(['cam1@90', 'cam2@130', 'plain']);
    expect(outbox.pending()).toBe(2);

    lease.takenFrom = 150;
    outbox.recheck();
    expect(await outbox.flush(1000)).toBe(true);
    expect(sent).toEqual(['cam1@90', 'cam2@130', 'plain', 'cam1@120']);
    expect(logger.lines.filter((l) => l.includes('dropped'))).toEqual([
      `ERROR bus: message to vigie.alerts.cam1 (cam1-160) dropped: made at ${new Date(160).toISOString()}, after another worker took the lease of camera cam1`,
    ]);
  });

  it('with a journal: each message is added as it is queued and done once acknowledged or dropped (fence, full, too big); what is left at close stays, said', async () => {
    const logger = memoryLogger();
    const kept = new Map<number, string>();
    let n = 0;
    const journal = {
      where: '/data/bus-outbox',
      add: (subject: string, data: Uint8Array) => {
        kept.set(++n, `${subject} ${new TextDecoder().decode(data)}`);
        return n;
      },
      done: (entry: unknown) => void kept.delete(entry as number),
    };
    let up = true;
    const js = {
      publish: async (_subject: string, data?: Uint8Array) => {
        if (data && data.length > 8) throw new Error('MAX_PAYLOAD_EXCEEDED');
        if (!up) throw new Error('TIMEOUT');
        return { stream: 'S', seq: 1, duplicate: false, domain: '' };
      },
    };
    const decide = (_key: string, atMs: number): 'send' | 'drop' => (atMs < 100 ? 'send' : 'drop');
    const outbox = createOutbox({ js, logger, decide, journal, maxPending: 3, backoff: { initialMs: 10_000, maxMs: 10_000 } });
    outbox.publish('a', enc('sent'));
    outbox.publish('b', enc('too long a message'));
    outbox.publish('c', enc('fenced'), { fence: { key: 'cam1', atMs: 200 } });
    expect(await outbox.flush(1000)).toBe(true);
    expect([...kept.values()]).toEqual([]);

    up = false;
    for (let i = 0; i < 5; i++) outbox.publish('d', enc(`d${i}`));
    // d0 in flight, d1 and d2 dropped when full: out of the journal too.
    expect([...kept.values()]).toEqual(['d d0', 'd d3', 'd d4']);
    outbox.close();
    expect([...kept.values()]).toEqual(['d d0', 'd d3', 'd d4']);
    expect(logger.lines.at(-1)).toBe('bus: 3 message(s) not published at close (first: d), kept in /data/bus-outbox for the next start');
  });

  it('a message over the payload limit is dropped (logged) and the next ones go on', async () => {
    const logger = memoryLogger();
    const sent: string[] = [];
    const js = {
      publish: async (subject: string, data?: Uint8Array) => {
        if (data && data.length > 4) throw new Error('MAX_PAYLOAD_EXCEEDED');
        sent.push(subject);
        return { stream: 'S', seq: sent.length, duplicate: false, domain: '' };
      },
    };
    const outbox = createOutbox({ js, logger });
    outbox.publish('a', enc('1'));
    outbox.publish('b', enc('too long'));
    outbox.publish('c', enc('3'));
    expect(await outbox.flush(1000)).toBe(true);
    expect(sent).toEqual(['a', 'c']);
    expect(logger.lines.some((l) => l.startsWith('ERROR') && l.includes('b') && l.includes('dropped'))).toBe(true);
  });
});

describe.skipIf(!natsServerPath())('outbox on a nats-server', () => {
  let nats: TestNats;
  let bus: Bus;
  beforeAll(async () => {
    nats = await startTestNats();
    bus = await connectBus({ url: nats.url, name: 'outbox-test' });
  }, 30_000);
  afterAll(async () => {
    await bus?.close();
    await nats?.close();
  });

  const storedIds = async (subject: string): Promise<string[]> => (await streamMessages(bus, STREAM_ALERTS, subject)).map((m) => new TextDecoder().decode(m.data));

  it('publishes in order through a kill and restart of nats-server: every message arrives, once', async () => {
    const logger = memoryLogger();
    const outbox = createOutbox({ js: bus.js, logger });
    const subject = `${SUBJECT_ALERTS}.restart`;
    const sent: string[] = [];
    const put = (n: number): void => {
      for (let i = 0; i < n; i++) {
        const id = `m${String(sent.length).padStart(3, '0')}`;
        sent.push(id);
        outbox.publish(subject, enc(id), { msgID: id, headers: { 'Vigie-Test': id } });
      }
    };
    put(20);
    const killed = nats.kill();
    put(20); // while it dies
    await killed;
    put(20); // while it is down
    expect(outbox.pending()).toBeGreaterThan(0);
    await nats.restart();
    put(20); // while it comes back
    expect(await outbox.flush(40_000)).toBe(true);
    expect(outbox.pending()).toBe(0);
    const stored = await storedIds(subject);
    expect(stored).toEqual(sent);
    outbox.close();
  }, 60_000);

  it('a duplicate id acknowledged as duplicate counts as sent; the stream holds it once', async () => {
    const outbox = createOutbox({ js: bus.js, logger: memoryLogger() });
    const subject = `${SUBJECT_ALERTS}.dup`;
    outbox.publish(subject, enc('x'), { msgID: 'same-id' });
    outbox.publish(subject, enc('x'), { msgID: 'same-id' });
    expect(await outbox.flush(10_000)).toBe(true);
    expect(await storedIds(subject)).toEqual(['x']);
    outbox.close();
  }, 30_000);
});
