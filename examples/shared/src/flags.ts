/**
 * Reads `--name` and `--name=value` command-line flags (enough for the examples' CLIs).
 *
 * @example
 * ```ts
 * import { readFlags } from '@recur/examples-shared';
 * const flags = readFlags(['--quick', '--epochs=5']);
 * flags.has('quick'); // true
 * flags.number('epochs', 20); // 5
 * ```
 */
export function readFlags(argv: readonly string[] = process.argv.slice(2)) {
  const values = new Map<string, string>();
  for (const arg of argv) {
    const match = /^--([^=]+)(?:=(.*))?$/.exec(arg);
    if (match) values.set(match[1], match[2] ?? 'true');
  }
  return {
    has: (name: string) => values.has(name) && values.get(name) !== 'false',
    string: (name: string, fallback: string) => values.get(name) ?? fallback,
    number: (name: string, fallback: number) => {
      const raw = values.get(name);
      const value = raw === undefined ? fallback : Number(raw);
      if (!Number.isFinite(value))
        throw new RangeError(`--${name} expected a number, received ${JSON.stringify(raw)}`);
      return value;
    },
  };
}
