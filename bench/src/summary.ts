// Medians over the passes of a `--repeat N` run. A shared machine moves a row by tens of percent
// from one minute to the next, so the passes alternate recur and the references config by config,
// and a ratio is taken inside each pass (recur and the reference measured minutes apart at most)
// before its median and spread over the passes.

/** The median of a non-empty list. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** A median with the smallest and largest value it was taken over. */
export interface Spread {
  median: number;
  min: number;
  max: number;
  count: number;
}

export function spreadOf(values: number[]): Spread {
  return {
    median: median(values),
    min: Math.min(...values),
    max: Math.max(...values),
    count: values.length,
  };
}

/**
 * Groups rows by `key` and folds each group into one row: every listed numeric field becomes its
 * median; `samplesPerSecondSpread` keeps the spread of the throughput. Groups keep first-seen order.
 */
export function medianRows<Row extends { samplesPerSecond: number }>(
  rows: Row[],
  key: (row: Row) => string,
  numericFields: (keyof Row)[],
): Array<Row & { samplesPerSecondSpread: Spread }> {
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const id = key(row);
    const group = groups.get(id);
    if (group) group.push(row);
    else groups.set(id, [row]);
  }
  return [...groups.values()].map((group) => {
    const folded: Row = { ...group[0] };
    for (const field of numericFields) {
      const values = group
        .map((row) => row[field])
        .filter((value): value is Row[keyof Row] & number => typeof value === 'number');
      if (values.length > 0) (folded[field] as number) = median(values);
    }
    return {
      ...folded,
      samplesPerSecondSpread: spreadOf(group.map((row) => row.samplesPerSecond)),
    };
  });
}

/**
 * The ratio ours / theirs in each pass where both were measured, as a spread over the passes, or
 * null when no pass has both. `ours` and `theirs` give one pass' samples/s (or null).
 */
export function pairedRatio(
  passes: number,
  ours: (pass: number) => number | null,
  theirs: (pass: number) => number | null,
): Spread | null {
  const ratios: number[] = [];
  for (let pass = 0; pass < passes; pass++) {
    const a = ours(pass);
    const b = theirs(pass);
    if (a !== null && b !== null && b > 0) ratios.push(a / b);
  }
  return ratios.length > 0 ? spreadOf(ratios) : null;
}
