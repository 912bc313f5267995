/**
 * How periodic a short series is: the largest normalised autocorrelation of the linearly detrended
 * series over lags that fit at least three times in it. A blinking or rotating light repeats
 * itself (close to 1); a flame flickers irregularly (well under).
 */

function detrend(series: readonly number[]): number[] {
  const n = series.length;
  const mt = (n - 1) / 2;
  const mv = series.reduce((s, v) => s + v, 0) / n;
  let stt = 0;
  let stv = 0;
  series.forEach((v, t) => {
    stt += (t - mt) * (t - mt);
    stv += (t - mt) * (v - mv);
  });
  const slope = stt === 0 ? 0 : stv / stt;
  return series.map((v, t) => v - mv - slope * (t - mt));
}

/** 0 for series too short (under 9 samples) or flat (variance under minVariance). */
export function periodicity(series: readonly number[], minVariance = 1): number {
  const n = series.length;
  if (n < 9) return 0;
  const d = detrend(series);
  const variance = d.reduce((s, v) => s + v * v, 0) / n;
  if (variance < minVariance) return 0;
  let best = 0;
  for (let lag = 2; lag <= Math.floor(n / 3); lag++) {
    let sab = 0;
    let saa = 0;
    let sbb = 0;
    for (let t = 0; t + lag < n; t++) {
      sab += d[t]! * d[t + lag]!;
      saa += d[t]! * d[t]!;
      sbb += d[t + lag]! * d[t + lag]!;
    }
    const r = saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : 0;
    if (r > best) best = r;
  }
  return best;
}
