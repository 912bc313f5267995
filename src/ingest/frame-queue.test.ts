import { describe, expect, it } from 'vitest';
import { createFrameQueue } from './frame-queue.ts';

const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

describe('createFrameQueue, block mode', () => {
  it('makes the producer wait while the queue is full, and loses nothing', async () => {
    const q = createFrameQueue<number>('block', 1);
    const accepted: number[] = [];
    const producer = (async () => {
      for (let i = 0; i < 5; i++) if (await q.push(i)) accepted.push(i);
      q.end();
    })();
    await tick();
    expect(accepted).toEqual([0]); // 1 waits for room
    const got: number[] = [];
    for (let v = await q.shift(); v !== undefined; v = await q.shift()) got.push(v);
    await producer;
    expect(got).toEqual([0, 1, 2, 3, 4]);
    expect(q.dropped).toBe(0);
  });

  it('close wakes a blocked producer and a waiting consumer', async () => {
    const q = createFrameQueue<number>('block', 1);
    await q.push(1);
    const blocked = q.push(2);
    q.close();
    expect(await blocked).toBe(false);
    expect(await q.shift()).toBeUndefined();
    const q2 = createFrameQueue<number>('block', 1);
    const waiting = q2.shift();
    q2.close();
    expect(await waiting).toBeUndefined();
  });
});

describe('createFrameQueue, latest mode', () => {
  it.each([
    { capacity: 1, pushed: [1, 2, 3, 4], kept: [4], dropped: 3 },
    { capacity: 2, pushed: [1, 2, 3, 4], kept: [3, 4], dropped: 2 },
    { capacity: 2, pushed: [1], kept: [1], dropped: 0 },
  ])('capacity $capacity keeps $kept of $pushed', async ({ capacity, pushed, kept, dropped }) => {
    const q = createFrameQueue<number>('latest', capacity);
    for (const v of pushed) expect(await q.push(v)).toBe(true);
    q.end();
    const got: number[] = [];
    for (let v = await q.shift(); v !== undefined; v = await q.shift()) got.push(v);
    expect(got).toEqual(kept);
    expect(q.dropped).toBe(dropped);
  });

  it('hands a pushed item straight to a waiting consumer', async () => {
    const q = createFrameQueue<number>('latest', 1);
    const next = q.shift();
    await q.push(7);
    expect(await next).toBe(7);
    expect(q.size).toBe(0);
  });

  it('refuses items after end', async () => {
    const q = createFrameQueue<number>('latest', 1);
    q.end();
    expect(await q.push(1)).toBe(false);
    expect(() => createFrameQueue<number>('latest', 0)).toThrow(RangeError);
  });
});
