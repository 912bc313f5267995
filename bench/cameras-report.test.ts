import { describe, expect, it } from 'vitest';
import { formatTable, summarise, type RawRun } from './cameras-report.ts';

const run = (over: Partial<RawRun> = {}): RawRun => ({
  label: 'gating on',
  motionGating: true,
  bus: false,
  fps: 5,
  windowS: 60,
  cameras: [
    { id: 'a', analysed: 300, dropped: 0 },
    { id: 'b', analysed: 290, dropped: 10 },
  ],
  groups: [
    { name: 'serve', cpuS: 48, meanRssMb: 500, peakRssMb: 520 },
    { name: 'ffmpeg', cpuS: 12, meanRssMb: 200, peakRssMb: 240 },
  ],
  latencyMs: [300, 100, 200, 400],
  loadAverage: [1.04, 1.26],
  ...over,
});

describe('summarise', () => {
  it('sums the CPU of every group over the window; cameras per core = cameras / cores used', () => {
    const s = summarise(run());
    expect(s).toMatchObject({ cameras: 2, minFps: 4.83, meanFps: 4.92, sustained: true, coresUsed: 1, camerasPerCore: 2, framesPerCoreSecond: 9.8, coreSharePerCamera: 0.5, peakRssMb: 760, rssPerCameraMb: 380, alerts: 4, latencyP50Ms: 200, latencyP95Ms: 400 });
  });

  it.each([
    ['every camera at 4.75 fps or more', [285, 300], true],
    ['one camera under 4.75 fps', [284, 300], false],
    ['a camera that analysed nothing', [0, 300], false],
  ])('sustained: %s', (_name, analysed, sustained) => {
    const s = summarise(run({ cameras: analysed.map((n, i) => ({ id: `c${i}`, analysed: n, dropped: 0 })) }));
    expect(s.sustained).toBe(sustained);
    expect(s.camerasPerCore).toBe(sustained ? 2 : null);
  });

  it('no alert: no latency', () => {
    expect(summarise(run({ latencyMs: [] }))).toMatchObject({ alerts: 0, latencyP50Ms: null, latencyP95Ms: null });
  });
});

describe('formatTable', () => {
  it('puts the runs side by side, with a row per process group and n/a for a run not sustained', () => {
    const on = summarise(run());
    const off = summarise(run({ label: 'gating off', motionGating: false, cameras: [{ id: 'a', analysed: 100, dropped: 200 }] }));
    const text = formatTable([on, off], 5);
    expect(text.split('\n')[0]).toMatch(/gating on\s+gating off$/);
    expect(text).toMatch(/cameras per core at 5 fps\s+2\s+n\/a \(not sustained\)/);
    expect(text).toMatch(/serve: cores, peak RSS\s+0\.8, 520 MB/);
    expect(text).not.toMatch(/event loop/);
    expect(text).toMatch(/frame -> console p50 \/ p95\s+200 ms \/ 400 ms\s+200 ms \/ 400 ms/);
  });

  it("shows a part's share under the group that measured it, and '-' for a run without it", () => {
    const withLoop = summarise(run({ groups: [{ name: 'serve', cpuS: 48, parts: [{ label: 'its event loop', cpuS: 12 }], meanRssMb: 500, peakRssMb: 520 }] }));
    const without = summarise(run({ label: 'gating off', groups: [{ name: 'serve', cpuS: 30, meanRssMb: 500, peakRssMb: 520 }] }));
    const lines = formatTable([withLoop, without], 5).split('\n');
    const serve = lines.findIndex((l) => /serve: cores/.test(l));
    expect(lines[serve + 1]).toMatch(/^\s+of which its event loop: cores\s+0\.2\s+-$/);
  });

  it('shows the live frames received per second only when cameras were watched', () => {
    const watched = summarise(run({ liveFrames: 600 }));
    expect(watched.liveFps).toBe(10);
    expect(formatTable([watched, summarise(run({ label: 'gating off' }))], 5)).toMatch(/live frames received per second\s+10\s+-$/m);
    expect(formatTable([summarise(run())], 5)).not.toMatch(/live frames/);
  });
});
