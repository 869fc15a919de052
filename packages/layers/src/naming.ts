const counters = new Map<string, number>();

/** Keras-style snake_case default names: `lstm`, `lstm_1`, `lstm_2`, ... */
export function uniqueLayerName(className: string): string {
  const base = className
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase();
  const count = counters.get(base) ?? 0;
  counters.set(base, count + 1);
  return count === 0 ? base : `${base}_${count}`;
}
