import { finishJob, type PendingJob, parallelAvailable, startJob } from './parallel/task-pool.js';
import { checkNumber } from './validation/check-number.js';

// From 2^20 values (~40 ms on one thread) a Float64Array on a SharedArrayBuffer is filled with
// the pool's help (see box-muller-task.ts); the values are the same either way.
const PARALLEL_NORMALS = 2 ** 20;

/**
 * A small, fast, seeded generator (xoshiro128**, 128-bit state, seeded through splitmix32), so
 * initial weights, shuffles and dropout masks are reproducible.
 *
 * @example
 * ```ts
 * import { Random } from '@recur/tensor';
 * const random = new Random(42);
 * random.uniform(); // in [0, 1)
 * random.normal(); // standard normal
 * random.integer(10); // in [0, 10)
 * ```
 */
export class Random {
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;
  private spareNormal: number | null = null;

  constructor(seed = 0) {
    this.reseed(seed);
  }

  reseed(seed: number): void {
    this.seedFrom('Random', seed);
  }

  /** @internal Reseeds, naming `op` when the seed is not a finite number. */
  seedFrom(op: string, seed: unknown): void {
    checkNumber(op, 'seed', seed);
    // splitmix32 spreads any seed (including 0) over the whole state.
    const value = seed as number;
    let x = (Math.trunc(value) ^ Math.trunc(value / 2 ** 32)) >>> 0;
    const next = () => {
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.s0 = next() | 0;
    this.s1 = next() | 0;
    this.s2 = next() | 0;
    this.s3 = next() | 0;
    this.spareNormal = null;
  }

  /** 32 random bits as an unsigned integer. */
  nextUint32(): number {
    // The state is kept as int32 (V8 stores those unboxed; unsigned values above 2^31 are
    // heap numbers): the same bits as the unsigned form, about a third faster per draw.
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** Uniform in [0, 1) with 53 random bits. */
  uniform(): number {
    const high = this.nextUint32() >>> 5;
    const low = this.nextUint32() >>> 6;
    return (high * 67108864 + low) / 9007199254740992;
  }

  /** Standard normal (Box-Muller; the second value of each pair is kept for the next call). */
  normal(): number {
    if (this.spareNormal !== null) {
      const value = this.spareNormal;
      this.spareNormal = null;
      return value;
    }
    let u = 0;
    while (u === 0) u = this.uniform();
    const v = this.uniform();
    const radius = Math.sqrt(-2 * Math.log(u));
    this.spareNormal = radius * Math.sin(2 * Math.PI * v);
    return radius * Math.cos(2 * Math.PI * v);
  }

  /**
   * Fills `target` with standard normal draws: the values, and the generator's state afterwards,
   * of calling {@link Random.normal} once per element, in about two thirds of the time (the state
   * stays in local registers instead of being stored back after every draw). A large Float64Array
   * on a SharedArrayBuffer (2^20 values or more) is transformed on several threads
   * (`RECUR_NUM_THREADS`), with the same values.
   *
   * @example
   * ```ts
   * import { Random } from '@recur/tensor';
   * const values = new Float64Array(4);
   * new Random(3).fillNormal(values); // the same values as four calls of new Random(3).normal()
   * ```
   */
  fillNormal(target: Float32Array | Float64Array): void {
    let k = 0;
    if (this.spareNormal !== null && target.length > 0) {
      target[k++] = this.spareNormal;
      this.spareNormal = null;
    }
    const state = Int32Array.of(this.s0, this.s1, this.s2, this.s3);
    if (target instanceof Float64Array) {
      // The uniforms in draw order, a pair in each two slots, then transformed in place. A large
      // shared array goes in chunks handed to the pool as they are drawn: its threads transform
      // one chunk while this one draws the next.
      const pairs = Math.floor((target.length - k) / 2);
      const shared =
        2 * pairs >= PARALLEL_NORMALS &&
        target.buffer instanceof SharedArrayBuffer &&
        parallelAvailable();
      const chunk = shared ? PARALLEL_NORMALS / 4 : pairs;
      const pending: PendingJob[] = [];
      for (let first = 0; first < pairs; first += chunk) {
        const count = Math.min(chunk, pairs - first);
        drawUniformPairs(state, target, k, count);
        pending.push(
          startJob({ kind: 'box-muller', values: target, start: k, pairs: count }, shared),
        );
        k += 2 * count;
      }
      for (const job of pending) finishJob(job);
    }
    // float32 targets (a uniform would lose bits there), and an odd last value.
    while (k < target.length) {
      let u = 0;
      while (u === 0) u = uniformFrom(state);
      const v = uniformFrom(state);
      const radius = Math.sqrt(-2 * Math.log(u));
      target[k++] = radius * Math.cos(2 * Math.PI * v);
      const sine = radius * Math.sin(2 * Math.PI * v);
      if (k < target.length) target[k++] = sine;
      else this.spareNormal = sine;
    }
    [this.s0, this.s1, this.s2, this.s3] = state;
  }

  /** Uniform integer in [0, n). */
  integer(n: number): number {
    return Math.floor(this.uniform() * n);
  }

  /** Shuffles in place (Fisher-Yates). */
  shuffle<T>(items: T[] | Int32Array): void {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.integer(i + 1);
      const swap = items[i];
      items[i] = items[j];
      items[j] = swap;
    }
  }
}

/** nextUint32 and uniform on a state held in an Int32Array [s0, s1, s2, s3] (fillNormal's). */
function nextUint32From(state: Int32Array): number {
  const s1 = state[1];
  const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
  const t = s1 << 9;
  state[2] ^= state[0];
  state[3] ^= state[1];
  state[1] ^= state[2];
  state[0] ^= state[3];
  state[2] ^= t;
  state[3] = rotl(state[3], 11);
  return result;
}

function uniformFrom(state: Int32Array): number {
  const high = nextUint32From(state) >>> 5;
  const low = nextUint32From(state) >>> 6;
  return (high * 67108864 + low) / 9007199254740992;
}

/**
 * `pairs` pairs of uniforms (u, v), as uniformFrom draws them (u = 0 drawn again), into
 * `target[start...]`; the state in locals, not the array, for the loop.
 */
function drawUniformPairs(
  state: Int32Array,
  target: Float64Array,
  start: number,
  pairs: number,
): void {
  let s0 = state[0];
  let s1 = state[1];
  let s2 = state[2];
  let s3 = state[3];
  const end = start + 2 * pairs;
  for (let k = start; k < end; ) {
    // Two xoshiro128** steps (nextUint32From's, written out: a call per step, or a flag
    // between them, doubled the time), their high 27 and 26 bits making one uniform.
    let bits = Math.imul(rotl(Math.imul(s1, 5), 7), 9);
    let t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    const high = bits >>> 5;
    bits = Math.imul(rotl(Math.imul(s1, 5), 7), 9);
    t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    const uniform = (high * 67108864 + (bits >>> 6)) / 9007199254740992;
    if (uniform === 0 && (k - start) % 2 === 0) continue;
    target[k++] = uniform;
  }
  state[0] = s0;
  state[1] = s1;
  state[2] = s2;
  state[3] = s3;
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

const globalRandom = new Random(Date.now() % 2 ** 31);

/**
 * Seeds the global generator used by random ops and initializers that get no explicit seed.
 *
 * @example
 * ```ts
 * import { randomNormal, seed } from '@recur/tensor';
 * seed(1);
 * const a = randomNormal([2]);
 * seed(1);
 * const b = randomNormal([2]); // same values as a
 * ```
 */
export function seed(value: number): void {
  globalRandom.seedFrom('seed', value);
}

/**
 * The generator for an optional seed: a fresh one when given, else the global one. A seed that is
 * not a finite number is a `ValueError` naming `op` (the function whose `seed` argument it is).
 *
 * @example
 * ```ts
 * import { randomFor } from '@recur/tensor';
 * randomFor(7).uniform(); // the same value on every run
 * ```
 */
export function randomFor(seedValue?: number, op = 'randomFor'): Random {
  if (seedValue === undefined) return globalRandom;
  const random = new Random();
  random.seedFrom(op, seedValue);
  return random;
}
