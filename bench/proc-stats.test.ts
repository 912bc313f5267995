import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { clipArgs } from '../src/server/clip-encoder.ts';
import { descendants, isClipEncoder, mainThreadCpuS, parseProcStat, parseRssKb, sampleTree, type ProcStat } from './proc-stats.ts';

/** A /proc/<pid>/stat line with the fields the parser reads (ppid, utime, stime, cutime, cstime), the rest zero. */
function statLine(pid: number, comm: string, ppid: number, utime: number, stime: number, cutime = 0, cstime = 0): string {
  const fields = ['S', String(ppid), ...Array<string>(9).fill('0'), String(utime), String(stime), String(cutime), String(cstime), ...Array<string>(35).fill('0')];
  return `${pid} (${comm}) ${fields.join(' ')}`;
}

describe('parseProcStat', () => {
  it.each([
    ['plain name', statLine(42, 'ffmpeg', 7, 120, 30, 5, 1), { pid: 42, comm: 'ffmpeg', ppid: 7, ticks: 150, childTicks: 6 }],
    ['name with spaces and parentheses', statLine(9, 'a (b) c', 1, 1, 2), { pid: 9, comm: 'a (b) c', ppid: 1, ticks: 3, childTicks: 0 }],
  ])('%s', (_name, line, expected) => {
    expect(parseProcStat(line)).toEqual(expected);
  });

  it.each([['no parentheses', '12 ffmpeg S 1 2 3'], ['truncated', '12 (ffmpeg) S 1']])('%s: undefined', (_name, line) => {
    expect(parseProcStat(line)).toBeUndefined();
  });

  it('reads this process in /proc: its own pid and parent', () => {
    expect(parseProcStat(readFileSync(`/proc/${process.pid}/stat`, 'utf8'))).toMatchObject({ pid: process.pid, ppid: process.ppid });
  });
});

describe('sampleTree', () => {
  it('counts a child of this process among its children, with its memory', async () => {
    const child = spawn('sleep', ['30'], { stdio: 'ignore' });
    try {
      await new Promise((r) => child.once('spawn', r));
      const s = sampleTree(process.pid);
      expect(s?.children.sleep).toBe(1);
      expect(s!.selfRssMb).toBeGreaterThan(10);
      expect(s!.childrenRssMb).toBeGreaterThan(0);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('undefined for a process that does not exist', () => {
    expect(sampleTree(2 ** 22 + 1)).toBeUndefined();
  });
});

describe('parseRssKb', () => {
  it.each([
    ['a running process', 'Name:\tnode\nVmPeak:\t  900 kB\nVmRSS:\t  123456 kB\nRssAnon:\t 1 kB\n', 123456],
    ['a zombie (no VmRSS line)', 'Name:\tffmpeg\nState:\tZ (zombie)\n', 0],
  ])('%s', (_name, text, kb) => {
    expect(parseRssKb(text)).toBe(kb);
  });
});

describe('descendants', () => {
  const p = (pid: number, ppid: number): ProcStat => ({ pid, ppid, comm: `p${pid}`, ticks: 0, childTicks: 0 });
  const procs = [p(1, 0), p(10, 1), p(11, 10), p(12, 10), p(13, 11), p(20, 1), p(30, 99)];
  it.each([
    [10, [11, 12, 13]],
    [11, [13]],
    [12, []],
    [1, [10, 11, 12, 13, 20]],
  ])('of %i: %j', (root, pids) => {
    expect(descendants(procs, root).map((d) => d.pid).sort((a, b) => a - b)).toEqual(pids);
  });
});

describe.skipIf(!existsSync(`/proc/self/task/${process.pid}/stat`))('mainThreadCpuS', () => {
  /** Spins until this process has used `ms` more CPU (all threads): CPU time, not wall time. */
  const burn = (ms: number): void => {
    const start = process.cpuUsage();
    for (;;) {
      const used = process.cpuUsage(start);
      if ((used.user + used.system) / 1000 >= ms) return;
    }
  };

  it("counts the main thread's CPU and not a worker thread's", async () => {
    const before = mainThreadCpuS()!;
    burn(300);
    const afterMain = mainThreadCpuS()!;
    expect(afterMain - before).toBeGreaterThanOrEqual(0.2);
    // The same work in a worker thread while this one waits on it.
    const worker = new Worker(
      'const s = process.cpuUsage(); for (;;) { const u = process.cpuUsage(s); if ((u.user + u.system) / 1000 >= 300) break; } require("node:worker_threads").parentPort.postMessage("done");',
      { eval: true },
    );
    await new Promise((resolve) => worker.once('message', resolve));
    await worker.terminate();
    expect(mainThreadCpuS()! - afterMain).toBeLessThan(0.15);
  });
});

describe('isClipEncoder', () => {
  it.each([
    ["an alert clip's encoder, as clip-encoder.ts runs it", ['ffmpeg', ...clipArgs({ width: 640, height: 360, fps: 5, pixFmt: 'mjpeg' }, 'a.mp4.part')], true],
    ["a camera's decoder", ['ffmpeg', '-threads', '1', '-i', 'file:/v/libx264.mp4', '-f', 'rawvideo', 'pipe:1'], false],
    ['nothing (a zombie has an empty command line)', [], false],
  ])('%s', (_name, args, expected) => {
    expect(isClipEncoder(args.length > 0 ? `${args.join('\0')}\0` : '')).toBe(expected);
  });
});
