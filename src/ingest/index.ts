/** Ingest: one supervised ffmpeg per camera, decoding to RGB24 frames at the analysis fps. */
export { createIngest, type Ingest, type IngestOptions, type IngestStats } from './ingest.ts';
export { childCpuMs } from './cpu.ts';
export { resolveFfmpegPath } from './ffmpeg-path.ts';
export { probeFile, type ProbeInfo, type ProbeResult } from './probe.ts';
export { STILL_DURATION_MS } from './ffmpeg-args.ts';
