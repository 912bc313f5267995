/**
 * V8 flags every Vigie process starts with: `npm start` and the other scripts of package.json, the
 * `vigie` command's shebang, and the processes benchmarks spawn.
 *
 * `--initial-old-space-size=64`: each analysed frame allocates about 1-2 MB outside the JS heap
 * (the frame, ffmpeg's pipe chunks, the detector's tensors). With V8's default, tiny initial old
 * space, that memory started a full collection every ten frames or so (53 on the main thread over
 * a 697-frame clip; with the flag, one in all), about 1 ms of a frame's CPU (docs/motion-gating.md).
 * V8 reads it when the process starts only: it cannot be set from inside, and NODE_OPTIONS refuses it.
 */
export const NODE_FLAGS: readonly string[] = ['--initial-old-space-size=64'];
