// The specific defects the bad-input campaign found in @recur/tensor, one test each: storage that
// did not match the dtype, int32 values wrapped silently, detached buffers read as NaN on the
// TypeScript backend, huge size arguments that tried to allocate gigabytes, options of the wrong
// type taken as truthy, and nesting that looped forever.
import * as t from '@recur/tensor';
import { captureError, describeBackends, expectRecurError, badTensorValues } from '@recur/testing';
import { afterEach, expect, it } from 'vitest';
const { detach } = badTensorValues;

const { tensor, ones, zeros } = t;

describeBackends('storage always matches the dtype', () => {
  it('a Uint8Array with dtype int32 is copied into Int32Array storage, so add() does not wrap', () => {
    const x = tensor(Uint8Array.of(250, 255), [2], { dtype: 'int32' });
    expect(x.data).toBeInstanceOf(Int32Array);
    expect(x.add(1).toArray()).toEqual([251, 256]);
    expect(x.mul(2).toArray()).toEqual([500, 510]);
  });

  it('other typed arrays default to int32 (integers) with matching storage', () => {
    for (const values of [
      Int8Array.of(-3),
      Uint8ClampedArray.of(9),
      Int16Array.of(-300),
      Uint16Array.of(65535),
    ]) {
      const x = tensor(values);
      expect(x.dtype).toBe('int32');
      expect(x.data).toBeInstanceOf(Int32Array);
      expect(x.toArray()).toEqual([values[0]]);
    }
    expect(tensor(Uint8Array.of(1, 2), undefined, { dtype: 'float64' }).data).toBeInstanceOf(
      Float64Array,
    );
  });

  it('a Uint32Array holding 3e9 is refused as int32 instead of becoming -1294967296', () => {
    const error = expectRecurError(() => tensor(Uint32Array.of(1, 3e9)), 'values');
    expect(error).toBeInstanceOf(t.ValueError);
    expect(error.message).toBe(
      'tensor: expected values to hold values an int32 can hold (integers in [-2147483648, 2147483647]; use a float dtype for others), received 3000000000 at flat position 1',
    );
    expect(tensor(Uint32Array.of(1, 3e9), undefined, { dtype: 'float64' }).toArray()).toEqual([
      1, 3e9,
    ]);
  });

  it('int32 creation refuses NaN, infinities, fractions and values beyond 2^31 - 1', () => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, 0.5, 2 ** 31, -(2 ** 31) - 1]) {
      expectRecurError(() => tensor([1, bad], undefined, { dtype: 'int32' }), 'values');
      expectRecurError(() => tensor(bad, undefined, { dtype: 'int32' }), 'values');
      expectRecurError(() => tensor(Float64Array.of(bad), undefined, { dtype: 'int32' }), 'values');
      expectRecurError(() => t.full([2], bad, { dtype: 'int32' }), 'value');
      expectRecurError(() => tensor([1], undefined, { dtype: 'int32' }).add(bad), 'b');
    }
    expect(tensor([-(2 ** 31), 2 ** 31 - 1], undefined, { dtype: 'int32' }).toArray()).toEqual([
      -(2 ** 31),
      2 ** 31 - 1,
    ]);
  });

  it('cast to int32 truncates, but refuses values no int32 holds', () => {
    expect(tensor([1.7, -1.7]).cast('int32').toArray()).toEqual([1, -1]);
    for (const bad of [Number.NaN, Number.NEGATIVE_INFINITY, 3e9])
      expectRecurError(() => tensor([0, bad], undefined, { dtype: 'float64' }).cast('int32'), 'x');
  });

  it('new Tensor and dtypeOf refuse storage of another kind instead of calling it int32', () => {
    expect(
      captureError(() => new t.Tensor(new Uint8Array(2) as unknown as Int32Array, [2])),
    ).toBeInstanceOf(t.DTypeError);
    expectRecurError(() => t.dtypeOf(new Uint8Array(2) as unknown as Int32Array), 'array');
  });
});

describeBackends('a detached buffer is refused on every backend', () => {
  it('before: NaN on the TypeScript backend, a native error on the native one; now the same ValueError', () => {
    const x = detach(ones([2, 2]));
    expect(x.data.length).toBe(0);
    for (const run of [
      () => x.add(1),
      () => x.matmul(ones([2, 2])),
      () => ones([2, 2]).matmul(x),
      () => x.sum(),
      () => x.exp(),
      () => x.toArray(),
      () => x.reshape([4]),
    ]) {
      const error = expectRecurError(run, /detached/);
      expect(error).toBeInstanceOf(t.ValueError);
    }
    expect(captureError(() => x.toArray()).message).toBe(
      'toArray: expected tensor to be a Tensor with live storage, received a Tensor of shape [2, 2] whose buffer was detached (transferred)',
    );
  });

  it('in the recurrent ops, as x or as a weight', () => {
    const W = ones([3, 16]);
    const U = ones([4, 16]);
    expectRecurError(() => t.lstm(detach(ones([2, 5, 3])), W, U, null), 'x');
    expectRecurError(() => t.lstm(ones([2, 5, 3]), detach(ones([3, 16])), U, null), 'kernel');
  });

  it('as a typed array given to tensor(), even an empty one', () => {
    const values = new Float32Array(3);
    structuredClone(values.buffer, { transfer: [values.buffer] });
    expectRecurError(() => tensor(values), 'values');
    expect(t.isDetached(values)).toBe(true);
    expect(t.isDetached(new Float32Array(0))).toBe(false);
  });
});

describeBackends('size arguments beyond the allocation limit are refused before allocating', () => {
  afterEach(() => {
    t.setAllocationLimit({ maxElements: null, maxBytes: null });
  });

  it('zeros, ones, full, randomNormal, randomUniform, arange, oneHot and broadcasts, each in milliseconds', () => {
    const started = performance.now();
    const cases: [() => unknown, string | RegExp][] = [
      [() => zeros([1e5, 1e5, 1e5]), 'shape'],
      [() => ones([2 ** 31]), 'shape'],
      [() => t.full([1e6, 1e6], 1), 'shape'],
      [() => t.randomNormal([1e9, 1e9]), 'shape'],
      [() => t.randomUniform([2 ** 26, 2 ** 26], { dtype: 'int32', maxval: 3 }), 'shape'],
      // Products beyond 2^53 are refused, not rounded.
      [() => zeros([2 ** 40, 2 ** 40]), 'shape'],
      [() => t.arange(0, 1e15), 'stop'],
      [() => t.oneHot(tensor([0], undefined, { dtype: 'int32' }), 1e12), 'depth'],
      [() => zeros([1e5, 1]).add(zeros([1, 1e5])), 'result shape'],
      [() => zeros([1e5, 0]).matmul(zeros([0, 1e5])), 'result shape'],
      [() => ones([1]).broadcastTo([1e6, 1e6]), 'result shape'],
      [() => t.allocate('float64', 2 ** 40), 'size'],
    ];
    for (const [run, names] of cases)
      expect(expectRecurError(run, names)).toBeInstanceOf(t.ValueError);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(captureError(() => zeros([1e5, 1e5, 1e5])).message).toMatch(
      /^zeros: expected shape to give a tensor within the allocation limit \(at most 2147483647 elements and \d+ bytes; see setAllocationLimit\), received \[100000, 100000, 100000\]: 1000000000000000 float32 elements \(4000000000000000 bytes\)$/,
    );
  });

  it('the shape message names the argument and what came', () => {
    expect(captureError(() => zeros([2, -1])).message).toBe(
      'zeros: expected shape to be a list of non-negative integers, received [2, -1]',
    );
  });

  it('setAllocationLimit lowers and raises the limit, returns the previous one, and null restores it', () => {
    const defaults = t.getAllocationLimit();
    expect(defaults.maxElements).toBe(2 ** 31 - 1);
    expect(defaults.maxBytes).toBeGreaterThan(0);
    const previous = t.setAllocationLimit({ maxElements: 1000 });
    expect(previous).toEqual(defaults);
    expectRecurError(() => zeros([100, 100]), 'shape');
    expect(zeros([10, 100]).size).toBe(1000);
    t.setAllocationLimit({ maxElements: null, maxBytes: 4000 });
    expectRecurError(() => zeros([1001]), 'shape');
    expect(zeros([500], { dtype: 'float64' }).size).toBe(500);
    expectRecurError(() => zeros([501], { dtype: 'float64' }), 'shape');
    t.setAllocationLimit(previous);
    expect(t.getAllocationLimit()).toEqual(defaults);
    t.setAllocationLimit({ maxElements: Number.POSITIVE_INFINITY });
    expect(t.getAllocationLimit().maxElements).toBe(Number.POSITIVE_INFINITY);
    for (const bad of [0, -1, 1.5, Number.NaN, '10'])
      expectRecurError(() => t.setAllocationLimit({ maxBytes: bad as number }), 'maxBytes');
    expectRecurError(
      () => t.setAllocationLimit({ maxbytes: 1 } as t.AllocationLimitOptions),
      'maxbytes',
    );
  });
});

describeBackends('options of the wrong type, and endless nesting', () => {
  it('goBackwards must be a boolean, not the string "false" (which is truthy)', () => {
    const W = ones([3, 16]);
    const U = ones([4, 16]);
    const error = expectRecurError(
      () => t.lstm(ones([2, 5, 3]), W, U, null, { goBackwards: 'false' as unknown as boolean }),
      'goBackwards',
    );
    expect(error.message).toBe("lstm: expected goBackwards to be a boolean, received 'false'");
    expectRecurError(
      () => t.lstm(ones([2, 5, 3]), W, U, null, { go_backwards: true } as object),
      'goBackwards',
    );
  });

  it('a misspelt option is refused, naming the key meant', () => {
    expect(
      captureError(() => ones([2, 2]).matmul(ones([2, 2]), { transposeb: true } as object)).message,
    ).toBe(
      "matmul: expected options with only the keys transposeA, transposeB, received the unknown key 'transposeb' (did you mean transposeB?)",
    );
  });

  it('an array that contains itself, or nests 65 levels, is refused instead of hanging', () => {
    const self: unknown[] = [1];
    self[0] = self;
    expectRecurError(() => tensor(self as number[]), 'values');
    let deep: unknown = [1];
    for (let i = 0; i < 100; i++) deep = [deep];
    expectRecurError(() => tensor(deep as number[]), 'values');
  });

  it('generic TypeErrors from deep inside are now typed errors naming the argument', () => {
    expectRecurError(() => t.concat('ab' as unknown as t.Tensor[]), 'tensors');
    expectRecurError(() => t.sum(ones([2]), 'x' as unknown as number), 'axis');
    expectRecurError(() => t.matmul(null as unknown as t.Tensor, ones([2, 2])), 'a');
    expectRecurError(() => t.transpose(ones([2, 2]), 3 as unknown as number[]), 'perm');
    expectRecurError(() => t.cast(ones([2]), 'int8' as t.DType), 'dtype');
    expectRecurError(() => t.split(zeros([0]), 1e9), 'sizes');
    expectRecurError(() => t.reverse(tensor(5), 0), 'axis');
  });
});
