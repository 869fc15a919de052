import { Random } from '@recur/tensor';
import { describe, expect, it } from 'vitest';

/** xoshiro128** as published, on unsigned state, seeded through splitmix32 as Random is. */
function reference(seed: number): () => number {
  let x = (Math.trunc(seed) ^ Math.trunc(seed / 2 ** 32)) >>> 0;
  const splitmix = () => {
    x = (x + 0x9e3779b9) >>> 0;
    let z = x;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  const s = [splitmix(), splitmix(), splitmix(), splitmix()];
  const rotl = (v: number, k: number) => ((v << k) | (v >>> (32 - k))) >>> 0;
  return () => {
    const result = Math.imul(rotl(Math.imul(s[1], 5) >>> 0, 7), 9) >>> 0;
    const t = (s[1] << 9) >>> 0;
    s[2] = (s[2] ^ s[0]) >>> 0;
    s[3] = (s[3] ^ s[1]) >>> 0;
    s[1] = (s[1] ^ s[2]) >>> 0;
    s[0] = (s[0] ^ s[3]) >>> 0;
    s[2] = (s[2] ^ t) >>> 0;
    s[3] = rotl(s[3], 11);
    return result;
  };
}

describe('Random', () => {
  it('draws the reference xoshiro128** sequence (state kept as int32 internally)', () => {
    for (const seed of [0, 1, 42, 2 ** 31 + 5, -7, 1e12]) {
      const random = new Random(seed);
      const expected = reference(seed);
      for (let i = 0; i < 20_000; i++) expect(random.nextUint32()).toBe(expected());
    }
  });

  it('gives the same uniforms and normals for the same seed', () => {
    const a = new Random(3);
    const b = new Random(3);
    for (let i = 0; i < 1000; i++) expect(a.normal()).toBe(b.normal());
    expect(new Random(3).uniform()).toBeGreaterThanOrEqual(0);
  });

  it('fillNormal gives the values and the state of one normal() per element', () => {
    // Odd and even lengths, after an odd number of normal() calls (a spare value pending) or not.
    for (const [before, length, Kind] of [
      [0, 7, Float64Array],
      [1, 8, Float64Array],
      [3, 1, Float32Array],
      [0, 0, Float32Array],
      [2, 1001, Float32Array],
    ] as const) {
      const filled = new Random(9);
      const called = new Random(9);
      for (let i = 0; i < before; i++) expect(filled.normal()).toBe(called.normal());
      const values = new Kind(length);
      filled.fillNormal(values);
      const expected = new Kind(length);
      for (let i = 0; i < length; i++) expected[i] = called.normal();
      expect(Array.from(values), `${before} before, ${length} values`).toEqual(
        Array.from(expected),
      );
      for (let i = 0; i < 3; i++) expect(filled.normal()).toBe(called.normal());
      expect(filled.nextUint32()).toBe(called.nextUint32());
    }
  });
});
