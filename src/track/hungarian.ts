/**
 * Minimum-cost assignment (Hungarian method, shortest augmenting paths with potentials, O(n² m)).
 * Rectangular matrices are fine: every row of the smaller side gets a column.
 * Callers mark forbidden pairs with a large finite cost and drop them from the result.
 */

/** cost[i][j] for rows i and columns j; returns [row, column] pairs, one per row of the smaller side. */
export function solveAssignment(cost: readonly (readonly number[])[]): [number, number][] {
  const rows = cost.length;
  const cols = rows > 0 ? cost[0]!.length : 0;
  if (rows === 0 || cols === 0) return [];
  if (rows > cols) {
    const t = Array.from({ length: cols }, (_, j) => cost.map((r) => r[j]!));
    return solveAssignment(t).map(([j, i]) => [i, j]);
  }
  return solveWide(cost, rows, cols);
}

/** rows <= cols. Indices are 1-based inside, 0 is the virtual start column. */
function solveWide(cost: readonly (readonly number[])[], n: number, m: number): [number, number][] {
  const u = new Float64Array(n + 1);
  const v = new Float64Array(m + 1);
  const rowOfCol = new Int32Array(m + 1);
  const way = new Int32Array(m + 1);
  for (let i = 1; i <= n; i++) {
    rowOfCol[0] = i;
    let j0 = 0;
    const minv = new Float64Array(m + 1).fill(Infinity);
    const used = new Uint8Array(m + 1);
    do {
      used[j0] = 1;
      const i0 = rowOfCol[j0]!;
      let delta = Infinity;
      let j1 = 0;
      for (let j = 1; j <= m; j++) {
        if (used[j]) continue;
        const cur = cost[i0 - 1]![j - 1]! - u[i0]! - v[j]!;
        if (cur < minv[j]!) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j]! < delta) {
          delta = minv[j]!;
          j1 = j;
        }
      }
      for (let j = 0; j <= m; j++) {
        if (used[j]) {
          u[rowOfCol[j]!]! += delta;
          v[j]! -= delta;
        } else {
          minv[j]! -= delta;
        }
      }
      j0 = j1;
    } while (rowOfCol[j0] !== 0);
    do {
      const j1 = way[j0]!;
      rowOfCol[j0] = rowOfCol[j1]!;
      j0 = j1;
    } while (j0 !== 0);
  }
  const pairs: [number, number][] = [];
  for (let j = 1; j <= m; j++) if (rowOfCol[j]! > 0) pairs.push([rowOfCol[j]! - 1, j - 1]);
  return pairs.sort((a, b) => a[0] - b[0]);
}
