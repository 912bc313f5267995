import { describe, expect, it } from 'vitest';
import type { CameraStatus } from '../core/types.ts';
import { cameraSchema, type CameraConfig } from '../config/schema.ts';
import { busKey, type StatusMessage } from './protocol.ts';
import { canonicalJson, createRemoteRunners, sameAssignment, STALE_STATUS_MS, type RemoteRunnersOptions } from './remote-runner.ts';

const cam = (over: Record<string, unknown> = {}): CameraConfig => cameraSchema.parse({ id: 'cam1', url: 'rtsp://h/s', events: ['intrusion'], ...over });
const analysis = { fps: 5, width: 320 };

/** An in-memory vigie-cameras bucket: what the runners put and delete. */
function fakeKv() {
  const values = new Map<string, { value: Uint8Array; revision: number }>();
  let revision = 0;
  const kv = {
    get: async (k: string) => {
      const e = values.get(k);
      return e ? { key: k, value: e.value, revision: e.revision, operation: 'PUT' as const } : null;
    },
    put: async (k: string, data: string) => {
      values.set(k, { value: new TextEncoder().encode(data), revision: ++revision });
      return revision;
    },
    delete: async (k: string) => void values.delete(k),
    keys: async () => (async function* () {
      yield* [...values.keys()];
    })(),
  };
  return { kv: kv as unknown as RemoteRunnersOptions['cameras'], values };
}

describe('sameAssignment', () => {
  it.each([
    ['the same camera, keys in another order', true, { camera: JSON.parse(canonicalJson(cam())) as CameraConfig, analysis }, cam()],
    ['other events', false, { camera: cam({ events: ['fire'] }), analysis }, cam()],
    ['another analysis rate', false, { camera: cam(), analysis: { fps: 10, width: 320 } }, cam()],
    ['nothing stored', false, undefined, cam()],
  ])('%s -> same: %s', (_name, same, stored, camera) => expect(sameAssignment(stored && { ...stored, putAtMs: 1 }, camera, analysis)).toBe(same));
});

describe('remote runners', () => {
  const status = new Map<string, StatusMessage>();
  const setup = (now = () => 1_000) => {
    const { kv, values } = fakeKv();
    const runners = createRemoteRunners({ cameras: kv, analysis, status: { latest: (id) => status.get(id) }, logger: { info: () => undefined, error: () => undefined }, nowMs: now });
    return { runners, values };
  };
  const seen: CameraStatus[] = [];
  const deps = { onStatus: (_id: string, s: CameraStatus) => void seen.push(s) };

  it('puts the assignment once; a second start with the same camera leaves it (putAtMs kept)', async () => {
    const { runners, values } = setup();
    const r1 = runners.startRunner(cam(), deps);
    await runners.settled();
    const first = values.get(busKey('cam1'));
    expect(JSON.parse(new TextDecoder().decode(first!.value))).toMatchObject({ camera: { id: 'cam1', events: ['intrusion'] }, analysis, putAtMs: 1000 });
    runners.detach();
    await r1.stop();
    expect(values.has(busKey('cam1'))).toBe(true); // detached: kept for the workers
    const again = setup();
    again.values.set(busKey('cam1'), first!);
    again.runners.startRunner(cam(), deps);
    await again.runners.settled();
    expect(again.values.get(busKey('cam1'))).toBe(first); // the very entry: not put again
    again.runners.startRunner(cam({ events: ['fire'] }), deps);
    await again.runners.settled();
    expect(JSON.parse(new TextDecoder().decode(again.values.get(busKey('cam1'))!.value))).toMatchObject({ camera: { events: ['fire'] } });
  });

  it('deletes the key when stopped, and prunes the keys no runner wants', async () => {
    const { runners, values } = setup();
    values.set('gone', { value: new Uint8Array(), revision: 99 });
    const r = runners.startRunner(cam(), deps);
    await runners.settled();
    expect(await runners.prune()).toEqual(['gone']);
    expect([...values.keys()]).toEqual([busKey('cam1')]);
    await r.stop();
    expect(values.size).toBe(0);
  });

  it('reads status and stats from the latest status message; connecting before one, fps 0 once stale', async () => {
    let now = 10_000;
    const { runners } = setup(() => now);
    const r = runners.startRunner(cam({ id: 'cam2' }), deps);
    expect(r.status()).toEqual({ state: 'connecting', sinceMs: 10_000 });
    expect(r.stats()).toMatchObject({ fps: 0, lastFrameMs: 10_000 });
    status.set('cam2', { v: 1, cameraId: 'cam2', workerId: 'w', atMs: 10_500, status: { state: 'running', sinceMs: 10_400 }, stats: { fps: 4.5, dropped: 1, decoded: 9, restarts: 0, dropRate: 0.1, lastFrameMs: 10_450 } });
    seen.length = 0;
    runners.statusChanged('cam2');
    runners.statusChanged('cam2');
    expect(seen).toEqual([{ state: 'running', sinceMs: 10_400 }]); // told once per change of state
    now = 11_000;
    expect(r.stats()).toMatchObject({ fps: 4.5, dropRate: 0.1, lastFrameMs: 10_450 });
    now = 10_500 + STALE_STATUS_MS + 1;
    expect(r.stats()).toMatchObject({ fps: 0, lastFrameMs: 10_450 });
    await r.stop();
  });
});
