import { describe, expect, it } from 'vitest';
import { openSharedMoveNet, type PoseModel } from './movenet.ts';

/** A session maker that counts the sessions it opened and released; `fail` makes its next opening fail. */
function fakeOpener(): { open: (path: string, threads?: number) => Promise<PoseModel>; opened: string[]; released: string[]; fail: boolean } {
  const state = {
    opened: [] as string[],
    released: [] as string[],
    fail: false,
    open: async (path: string, threads = 1): Promise<PoseModel> => {
      if (state.fail) {
        state.fail = false;
        throw new Error(`cannot load ${path}`);
      }
      const name = `${path}#${threads}#${state.opened.length}`;
      state.opened.push(name);
      return {
        inputSize: 192,
        run: async () => Float32Array.of(state.opened.indexOf(name)),
        release: async () => {
          state.released.push(name);
        },
      };
    },
  };
  return state;
}

describe('openSharedMoveNet', () => {
  it('opens one session per model file and thread count, and releases it with its last user', async () => {
    const f = fakeOpener();
    const [a, b] = await Promise.all([openSharedMoveNet('share-a.onnx', 1, f.open), openSharedMoveNet('share-a.onnx', 1, f.open)]);
    const other = await openSharedMoveNet('share-b.onnx', 1, f.open);
    const twoThreads = await openSharedMoveNet('share-a.onnx', 2, f.open);
    expect(f.opened).toEqual(['share-a.onnx#1#0', 'share-b.onnx#1#1', 'share-a.onnx#2#2']);
    expect(await a.run(new Int32Array(0))).toEqual(await b.run(new Int32Array(0)));
    await a.release();
    await a.release(); // a second release of the same handle changes nothing
    expect(f.released).toEqual([]);
    expect(await b.run(new Int32Array(0))).toEqual(Float32Array.of(0));
    await b.release();
    expect(f.released).toEqual(['share-a.onnx#1#0']);
    // Released: the next user opens it again.
    const again = await openSharedMoveNet('share-a.onnx', 1, f.open);
    expect(f.opened).toHaveLength(4);
    await Promise.all([again.release(), other.release(), twoThreads.release()]);
    expect(f.released).toHaveLength(4);
  });

  it('passes a failed opening to every waiting user and tries again for the next one', async () => {
    const f = fakeOpener();
    f.fail = true;
    const both = await Promise.allSettled([openSharedMoveNet('fail.onnx', 1, f.open), openSharedMoveNet('fail.onnx', 1, f.open)]);
    expect(both.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    const next = await openSharedMoveNet('fail.onnx', 1, f.open);
    expect(f.opened).toEqual(['fail.onnx#1#0']);
    await next.release();
    expect(f.released).toEqual(['fail.onnx#1#0']);
  });
});
