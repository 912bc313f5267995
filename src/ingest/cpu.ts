/**
 * CPU time of another process (ffmpeg), which process.cpuUsage() does not cover.
 * Linux only: reads /proc/<pid>/stat; undefined elsewhere or once the process is gone.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

let ticksPerSecond: number | undefined;

function clockTicksPerSecond(): number {
  if (ticksPerSecond === undefined) {
    try {
      const n = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
      ticksPerSecond = Number.isFinite(n) && n > 0 ? n : 100;
    } catch (err) {
      void err; // getconf missing: Linux uses 100 ticks per second on every common platform
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/** utime + stime in clock ticks from the text of /proc/<pid>/stat. */
export function parseProcStatTicks(stat: string): number | undefined {
  // The command name (field 2) may contain spaces and parentheses: fields after the last ')'.
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(rest[11]);
  const stime = Number(rest[12]);
  return Number.isFinite(utime) && Number.isFinite(stime) ? utime + stime : undefined;
}

/** User + system CPU milliseconds used so far by process `pid`. */
export function childCpuMs(pid: number): number | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch (err) {
    void err; // process gone or not Linux: no measure
    return undefined;
  }
  const ticks = parseProcStatTicks(stat);
  return ticks === undefined ? undefined : (ticks * 1000) / clockTicksPerSecond();
}
