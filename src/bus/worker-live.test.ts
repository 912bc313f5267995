import { describe, expect, it } from 'vitest';
import type { Msg, NatsConnection, SubscriptionOptions } from '@nats-io/transport-node';
import jpeg from 'jpeg-js';
import type { Frame, Track } from '../core/types.ts';
import type { Logger } from '../server/log.ts';
import { LIVE_WATCH_TTL_MS, busKey, liveFrameSchema, parseBusMessage, type LiveFrame } from './protocol.ts';
import { createLivePublisher } from './worker-live.ts';

/** A connection that records what is published and lets the test deliver watch messages. */
function fakeNc() {
  const published: { subject: string; data: string }[] = [];
  let deliver: ((subject: string, data: string) => void) | undefined;
  let unsubscribed = false;
  const nc: Pick<NatsConnection, 'subscribe' | 'publish'> = {
    subscribe: (_subject: string, opts?: SubscriptionOptions) => {
      deliver = (subject, data) => opts?.callback?.(null, { subject, data: new TextEncoder().encode(data) } as Msg);
      return { unsubscribe: () => void (unsubscribed = true) } as ReturnType<NatsConnection['subscribe']>;
    },
    publish: (subject: string, data?: string | Uint8Array) => void published.push({ subject, data: String(data) }),
  };
  return { nc, published, watch: (subject: string, data: string) => deliver?.(subject, data), unsubscribed: () => unsubscribed };
}

const frame = (tMs: number): Frame => ({ cameraId: 'cam 1', seq: tMs / 200, tMs, wallMs: 1_000_000 + tMs, width: 8, height: 6, data: new Uint8Array(8 * 6 * 3).fill(200) });
const track = (id: number, state: Track['state']): Track => ({ id, label: 'person', box: { x1: 0.1, y1: 0.2, x2: 0.3, y2: 0.9 }, score: 0.9, state, velocity: { x: 0, y: 0 }, firstSeenMs: 0, lastSeenMs: 0, hits: 3 }) as Track;

describe('the worker live publisher', () => {
  const setup = () => {
    let now = 10_000;
    const errors: string[] = [];
    const logger: Logger = { info: () => undefined, error: (m) => void errors.push(m) };
    const f = fakeNc();
    const live = createLivePublisher({ nc: f.nc, workerId: 'w1', logger, nowMs: () => now });
    return { ...f, live, errors, advance: (ms: number) => void (now += ms), at: () => now };
  };
  const frames = (published: readonly { subject: string; data: string }[]): LiveFrame[] =>
    published.map((p) => {
      const r = parseBusMessage(liveFrameSchema, p.subject, new TextEncoder().encode(p.data));
      if (!r.ok) throw new Error(r.error);
      return r.value;
    });

  it('publishes nothing for a camera nobody watches', () => {
    const s = setup();
    for (let t = 0; t < 2000; t += 200, s.advance(200)) s.live.frame('cam 1', frame(t), { tracks: [track(1, 'confirmed')] });
    expect(s.published).toHaveLength(0);
  });

  it('publishes the watched camera\'s frames as JPEG with its confirmed tracks, on its key, until the watch expires', () => {
    const s = setup();
    s.watch('vigie.live-watch.xabc', JSON.stringify({ v: 1, cameraId: 'cam 1', atMs: 0 }));
    s.live.frame('cam 1', frame(0), { tracks: [track(1, 'confirmed'), track(2, 'tentative'), track(3, 'lost')] });
    s.live.frame('other', frame(0), { tracks: [] });
    const [m] = frames(s.published);
    expect(s.published.map((p) => p.subject)).toEqual([`vigie.live.${busKey('cam 1')}`]);
    expect(m).toMatchObject({ workerId: 'w1', cameraId: 'cam 1', tMs: 0, wallMs: 1_000_000, width: 8, height: 6 });
    expect(m!.tracks.map((t) => t.id)).toEqual([1, 3]);
    const img = jpeg.decode(Buffer.from(m!.jpegBase64, 'base64'), { useTArray: true });
    expect([img.width, img.height]).toEqual([8, 6]);
    s.advance(LIVE_WATCH_TTL_MS - 1);
    s.live.frame('cam 1', frame(200), { tracks: [] });
    expect(s.published).toHaveLength(2);
    s.advance(1);
    s.live.frame('cam 1', frame(400), { tracks: [] });
    expect(s.published).toHaveLength(2);
    expect(s.live.watched('cam 1')).toBe(false);
  });

  it.each([
    { gapMs: 50, expected: 11 },
    { gapMs: 100, expected: 11 },
    { gapMs: 200, expected: 11 },
    { gapMs: 300, expected: 7 },
  ])('publishes at most 5 frames a second (frames every $gapMs ms from 0 to 2 s: $expected published)', ({ gapMs, expected }) => {
    const s = setup();
    for (let t = 0; t <= 2000; t += gapMs) {
      s.watch('vigie.live-watch.cam1', JSON.stringify({ v: 1, cameraId: 'cam1', atMs: 0 }));
      s.live.frame('cam1', { ...frame(t), cameraId: 'cam1' }, { tracks: [] });
      s.advance(gapMs);
    }
    expect(s.published).toHaveLength(expected);
  });

  it('ignores a malformed watch message (logged), and unsubscribes when stopped', () => {
    const s = setup();
    s.watch('vigie.live-watch.cam1', '{"v":1}');
    s.live.frame('cam1', { ...frame(0), cameraId: 'cam1' }, { tracks: [] });
    expect(s.published).toHaveLength(0);
    expect(s.errors.join()).toContain('vigie.live-watch.cam1');
    s.live.stop();
    expect(s.unsubscribed()).toBe(true);
  });

  it.each([
    ['the decoder\'s JPEG, as it is', Buffer.from([0xff, 0xd8, 1, 2, 3, 0xff, 0xd9]), (b: Buffer) => expect([...b]).toEqual([0xff, 0xd8, 1, 2, 3, 0xff, 0xd9])],
    ['one encoded here when the decoder wrote none', undefined, (b: Buffer) => expect(jpeg.decode(b, { useTArray: true }).width).toBe(8)],
  ])('publishes %s', async (_name, decoded, check) => {
    const s = setup();
    s.watch('vigie.live-watch.xabc', JSON.stringify({ v: 1, cameraId: 'cam 1', atMs: 0 }));
    s.live.frame('cam 1', { ...frame(0), evidence: Promise.resolve(decoded) }, { tracks: [] });
    await Promise.resolve();
    const [m] = frames(s.published);
    check(Buffer.from(m!.jpegBase64, 'base64'));
  });
});
