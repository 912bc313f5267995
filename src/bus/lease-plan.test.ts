import { describe, expect, it } from 'vitest';
import { MOVES_PER_SCAN, planLeases, type LeaseAction, type LeasePlanInput, type LeaseSeen } from './lease-plan.ts';
import { LEASE_TTL_MS, RENEW_MS } from './protocol.ts';

const NOW = 1_000_000;
const fresh = (workerId: string | undefined, revision = 1, ageMs = 0): LeaseSeen => ({ ...(workerId ? { workerId } : {}), revision, lastChangeSeenMs: NOW - ageMs });

type Over = Partial<Omit<LeasePlanInput, 'leases'>> & { leases?: Record<string, LeaseSeen> };

function input(over: Over): LeasePlanInput {
  return {
    me: 'A',
    nowMs: NOW,
    startedAtMs: NOW - 60_000,
    watchingSinceMs: NOW - RENEW_MS,
    wanted: [],
    liveWorkers: ['A'],
    running: [],
    ...over,
    leases: new Map(Object.entries(over.leases ?? {})),
  };
}

const kinds = (actions: LeaseAction[]): string[] => actions.map((a) => `${a.kind} ${a.key}${'revision' in a && a.revision !== undefined ? `@${a.revision}` : ''}`).sort();

describe('planLeases', () => {
  const cases: { name: string; in: Over; out: string[] }[] = [
    { name: 'alone: claims every free camera (create)', in: { wanted: ['c1', 'c2'] }, out: ['claim c1', 'claim c2'] },
    { name: 'no claim during the first RENEW_MS after start', in: { wanted: ['c1'], startedAtMs: NOW - RENEW_MS + 1 }, out: [] },
    { name: 'claims after the start delay', in: { wanted: ['c1'], startedAtMs: NOW - RENEW_MS }, out: ['claim c1'] },
    { name: 'my lease not due: nothing', in: { wanted: ['c1'], running: ['c1'], leases: { c1: fresh('A', 4, RENEW_MS - 1) } }, out: [] },
    { name: 'my lease due: renew on the seen revision', in: { wanted: ['c1'], running: ['c1'], leases: { c1: fresh('A', 4, RENEW_MS) } }, out: ['renew c1@4'] },
    { name: "another's fresh lease: left alone", in: { wanted: ['c1'], liveWorkers: ['A', 'B'], leases: { c1: fresh('B', 3, LEASE_TTL_MS - 1) } }, out: [] },
    { name: "another's expired lease: CAS claim on its revision", in: { wanted: ['c1'], liveWorkers: ['A', 'B'], leases: { c1: fresh('B', 3, LEASE_TTL_MS) } }, out: ['claim c1@3'] },
    { name: 'a deleted lease: CAS claim on the delete marker', in: { wanted: ['c1'], leases: { c1: fresh(undefined, 9) } }, out: ['claim c1@9'] },
    { name: 'my lease, camera not running (restart with the same name): adopt at once', in: { wanted: ['c1'], startedAtMs: NOW, leases: { c1: fresh('A', 2) } }, out: ['claim c1@2'] },
    { name: 'lease taken by another: stop the camera, lease untouched', in: { wanted: ['c1'], running: ['c1'], liveWorkers: ['A', 'B'], leases: { c1: fresh('B', 5) } }, out: ['stop c1'] },
    { name: 'assignment deleted: release my lease', in: { wanted: [], running: ['c1'], leases: { c1: fresh('A', 5) } }, out: ['release c1@5'] },
    { name: 'assignment deleted, lease not mine: stop only', in: { wanted: [], running: ['c1'], leases: { c1: fresh('B', 5) } }, out: ['stop c1'] },
    { name: 'running but my lease vanished: create it again', in: { wanted: ['c1'], running: ['c1'] }, out: ['claim c1'] },
    {
      name: 'fair share: two live workers, 4 cameras, none held: claims 2',
      in: { wanted: ['c1', 'c2', 'c3', 'c4'], liveWorkers: ['A', 'B'] },
      out: ['claim', 'claim'],
    },
    {
      name: 'over the share while another holds fewer: releases its excess at once',
      in: { wanted: ['c1', 'c2', 'c3', 'c4'], running: ['c1', 'c2', 'c3', 'c4'], liveWorkers: ['A', 'B'], leases: { c1: fresh('A', 1), c2: fresh('A', 2), c3: fresh('A', 3), c4: fresh('A', 4) } },
      out: ['release', 'release'],
    },
    {
      name: 'at the share: no release',
      in: { wanted: ['c1', 'c2', 'c3', 'c4'], running: ['c1', 'c2'], liveWorkers: ['A', 'B'], leases: { c1: fresh('A', 1), c2: fresh('A', 2), c3: fresh('B', 3), c4: fresh('B', 4) } },
      out: [],
    },
    {
      name: 'the holder of an expired lease is not live: its cameras are taken beyond the old share',
      in: { wanted: ['c1', 'c2', 'c3', 'c4'], running: ['c1', 'c2'], liveWorkers: ['A', 'B'], leases: { c1: fresh('A', 1), c2: fresh('A', 2), c3: fresh('B', 3, LEASE_TTL_MS), c4: fresh('B', 4, LEASE_TTL_MS) } },
      out: ['claim c3@3', 'claim c4@4'],
    },
    {
      name: 'tie for the most: the lowest id releases',
      in: { wanted: ['c1', 'c2', 'c3', 'c4', 'c5', 'c6'], running: ['c1', 'c2', 'c3'], liveWorkers: ['A', 'B', 'C'], leases: { c1: fresh('A', 1), c2: fresh('A', 2), c3: fresh('A', 3), c4: fresh('B', 4), c5: fresh('B', 5), c6: fresh('B', 6) } },
      out: ['release'],
    },
    {
      name: 'no release while a camera is free (the worker under its share takes that one)',
      in: { wanted: ['c1', 'c2', 'c3'], running: ['c1', 'c2'], liveWorkers: ['A', 'B'], leases: { c1: fresh('A', 1), c2: fresh('A', 2) } },
      out: [],
    },
    {
      name: 'a key never seen since the watch began LEASE_TTL_MS ago is claimed beyond the share',
      in: { wanted: ['c1', 'c2', 'c3', 'c4'], running: ['c1', 'c2'], liveWorkers: ['A', 'B'], watchingSinceMs: NOW - LEASE_TTL_MS, leases: { c1: fresh('A', 1), c2: fresh('A', 2), c4: fresh('B', 4) } },
      out: ['claim c3'],
    },
    {
      name: 'two over the share, one under: each gives back its part of the deficit (here one each)',
      in: { wanted: ['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7'], running: ['c1', 'c2', 'c3'], liveWorkers: ['A', 'B', 'C'], leases: { c1: fresh('A', 1), c2: fresh('A', 2), c3: fresh('A', 3), c4: fresh('B', 4), c5: fresh('B', 5), c6: fresh('B', 6), c7: fresh('B', 7) } },
      out: ['release'],
    },
    {
      name: 'at the top of the share while the others are within it: nothing',
      in: { wanted: ['c1', 'c2', 'c3', 'c4', 'c5'], running: ['c1', 'c2', 'c3'], liveWorkers: ['A', 'B'], leases: { c1: fresh('A', 1), c2: fresh('A', 2), c3: fresh('A', 3), c4: fresh('B', 4), c5: fresh('B', 5) } },
      out: [],
    },
    {
      name: 'a key I released lately is not claimed back (within the share)',
      in: { wanted: ['c1', 'c2'], running: ['c1'], liveWorkers: ['A', 'B'], leases: { c1: fresh('A', 1) }, recentlyReleased: new Set(['c2']) },
      out: [],
    },
    {
      name: 'beyond the share: only a key free for a whole LEASE_TTL_MS',
      in: { wanted: ['c1', 'c2', 'c3', 'c4'], running: ['c1', 'c2'], liveWorkers: ['A', 'B'], leases: { c1: fresh('A', 1), c2: fresh('A', 2), c4: fresh('B', 4), c3: fresh(undefined, 7, LEASE_TTL_MS - 1) } },
      out: [],
    },
    {
      name: 'beyond the share: a key nobody took for LEASE_TTL_MS is claimed',
      in: { wanted: ['c1', 'c2', 'c3', 'c4'], running: ['c1', 'c2'], liveWorkers: ['A', 'B'], leases: { c1: fresh('A', 1), c2: fresh('A', 2), c4: fresh('B', 4), c3: fresh(undefined, 7, LEASE_TTL_MS) } },
      out: ['claim c3@7'],
    },
  ];
  it.each(cases)('$name', ({ in: i, out }) => {
    const got = kinds(planLeases(input(i)));
    if (out.every((o) => o.includes(' '))) expect(got).toEqual(out.sort());
    else expect(got.map((g) => g.split(' ')[0])).toEqual(out);
  });

  it('at most MOVES_PER_SCAN free cameras claimed a scan; a dead worker\'s cameras all at once', () => {
    const keys = Array.from({ length: 2 * MOVES_PER_SCAN + 20 }, (_, i) => `c${i}`);
    expect(planLeases(input({ wanted: keys })).filter((a) => a.kind === 'claim')).toHaveLength(MOVES_PER_SCAN);
    const dead = Object.fromEntries(keys.map((k, i) => [k, fresh('B', i + 1, LEASE_TTL_MS)]));
    expect(planLeases(input({ wanted: keys, leases: dead })).filter((a) => a.kind === 'claim')).toHaveLength(keys.length);
  });

  it('balance: at most MOVES_PER_SCAN given back a scan', () => {
    const keys = Array.from({ length: 4 * MOVES_PER_SCAN }, (_, i) => `c${i}`);
    const mine = Object.fromEntries(keys.map((k, i) => [k, fresh('A', i + 1)]));
    const actions = planLeases(input({ wanted: keys, running: keys, liveWorkers: ['A', 'B'], leases: mine }));
    expect(actions.filter((a) => a.kind === 'release')).toHaveLength(MOVES_PER_SCAN);
  });

  it('a release goes to the least preferred of my running cameras and drops its renewal', () => {
    const leases = { c1: fresh('A', 1, RENEW_MS), c2: fresh('A', 2, RENEW_MS), c3: fresh('A', 3, RENEW_MS) };
    const actions = planLeases(input({ wanted: ['c1', 'c2', 'c3'], running: ['c1', 'c2', 'c3'], liveWorkers: ['A', 'B'], leases }));
    const release = actions.filter((a) => a.kind === 'release');
    expect(release).toHaveLength(1);
    expect(actions.filter((a) => a.key === release[0]!.key)).toHaveLength(1);
    expect(actions.filter((a) => a.kind === 'renew')).toHaveLength(2);
  });

  it('two workers seeing the same free keys mostly prefer different ones (rendezvous order)', () => {
    const wanted = Array.from({ length: 20 }, (_, i) => `cam${i}`);
    const a = planLeases(input({ me: 'A', wanted, liveWorkers: ['A', 'B'] })).map((x) => x.key);
    const b = planLeases(input({ me: 'B', wanted, liveWorkers: ['A', 'B'] })).map((x) => x.key);
    expect(a).toHaveLength(10);
    expect(b).toHaveLength(10);
    expect(a.filter((k) => b.includes(k)).length).toBeLessThan(10);
  });

  it('simulated: two workers started together end balanced 2/2 on 4 cameras', () => {
    expect(simulate(4, 2, 10, 0).counts).toEqual([2, 2]);
  });

  /**
   * Workers scanning once a second, each seeing the leases as they are after the previous one's
   * actions; they join `joinEvery` scans apart (0: all together; the first ones to join take far
   * more than their share). How many scans until the cameras are spread evenly, every camera held
   * once, and how many each holds then (or after `maxScans`).
   */
  function simulate(cameraCount: number, workerCount: number, maxScans: number, joinEvery: number): { scans: number; counts: number[] } {
    const wanted = Array.from({ length: cameraCount }, (_, i) => `cam${i}`);
    const workers = Array.from({ length: workerCount }, (_, i) => `w${String(i).padStart(3, '0')}`);
    const leases = new Map<string, LeaseSeen>();
    const running = new Map(workers.map((w) => [w, new Set<string>()]));
    const released = new Map<string, Map<string, number>>(workers.map((w) => [w, new Map()]));
    let rev = 0;
    for (let scan = 0; scan < maxScans; scan++) {
      const nowMs = NOW + scan * 1000;
      const started = joinEvery === 0 ? workers : workers.slice(0, Math.min(workerCount, Math.floor(scan / joinEvery) + 1));
      for (const me of started) {
        const startedAtMs = NOW + workers.indexOf(me) * joinEvery * 1000 - RENEW_MS;
        const recently = released.get(me)!;
        for (const [k, at] of recently) if (nowMs - at >= LEASE_TTL_MS) recently.delete(k);
        const actions = planLeases({ me, nowMs, startedAtMs, watchingSinceMs: startedAtMs, wanted, leases, liveWorkers: started, running: [...running.get(me)!], recentlyReleased: new Set(recently.keys()) });
        for (const a of actions) {
          const cur = leases.get(a.key);
          if (a.kind === 'claim' && cur?.revision === a.revision) {
            leases.set(a.key, { workerId: me, revision: ++rev, lastChangeSeenMs: nowMs });
            running.get(me)!.add(a.key);
          } else if (a.kind === 'renew' && cur?.revision === a.revision) leases.set(a.key, { workerId: me, revision: ++rev, lastChangeSeenMs: nowMs });
          else if (a.kind === 'release') {
            running.get(me)!.delete(a.key);
            recently.set(a.key, nowMs);
            if (cur?.revision === a.revision) leases.set(a.key, { revision: ++rev, lastChangeSeenMs: nowMs });
          } else if (a.kind === 'stop') running.get(me)!.delete(a.key);
        }
      }
      const counts = workers.map((w) => running.get(w)!.size);
      const heldOnce = wanted.every((k) => workers.filter((w) => running.get(w)!.has(k)).length === 1);
      if (started.length === workerCount && heldOnce && Math.max(...counts) - Math.min(...counts) <= 1) return { scans: scan + 1, counts };
    }
    return { scans: Number.POSITIVE_INFINITY, counts: workers.map((w) => running.get(w)!.size) };
  }

  it.each([
    [100, 7],
    [1000, 20],
  ])('simulated: %i cameras, %i workers joining one per second: spread evenly within 25 s of the last one joining', (cameras, workers) => {
    const { scans, counts } = simulate(cameras, workers, 400, 1);
    console.info(`${cameras} cameras, ${workers} workers joining one per second: spread evenly after ${scans} scans (${counts.join(' ')})`);
    expect(scans - workers).toBeLessThanOrEqual(25);
  });
});
