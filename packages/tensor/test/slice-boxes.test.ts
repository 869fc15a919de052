import * as t from '@recur/tensor';
import { describeBackends } from '@recur/testing';
import fc from 'fast-check';
import { expect, it } from 'vitest';

/** The box [begin, begin + size) of x, element by element through its row-major strides. */
function referenceSlice(x: number[], shape: number[], begin: number[], size: number[]): number[] {
  const out: number[] = [];
  const strides = shape.map((_, axis) => shape.slice(axis + 1).reduce((a, b) => a * b, 1));
  const visit = (axis: number, offset: number) => {
    if (axis === shape.length) {
      out.push(x[offset]);
      return;
    }
    for (let i = 0; i < size[axis]; i++)
      visit(axis + 1, offset + (begin[axis] + i) * strides[axis]);
  };
  visit(0, 0);
  return out;
}

// Boxes of every kind: covering trailing axes in full (copied as merged runs), partial ones,
// short rows (an element loop) and long rows (set), and empty boxes.
const boxes = fc
  .array(fc.integer({ min: 1, max: 70 }), { minLength: 1, maxLength: 4 })
  .filter((shape) => shape.reduce((a, b) => a * b, 1) <= 20_000)
  .chain((shape) =>
    fc
      .tuple(
        ...shape.map((n) =>
          fc.oneof(
            fc.constant([0, n]),
            fc
              .integer({ min: 0, max: n })
              .chain((b) => fc.tuple(fc.constant(b), fc.integer({ min: 0, max: n - b }))),
          ),
        ),
      )
      .map((ranges) => ({ shape, begin: ranges.map((r) => r[0]), size: ranges.map((r) => r[1]) })),
  );

describeBackends('slice and its gradient over arbitrary boxes', () => {
  it('match an element-by-element reference', () => {
    fc.assert(
      fc.property(boxes, ({ shape, begin, size }) => {
        const count = shape.reduce((a, b) => a * b, 1);
        const values = Array.from({ length: count }, (_, i) => i + 1);
        const x = t.tensor(Float32Array.from(values), shape, { requiresGrad: true });
        const y = x.slice(begin, size);
        expect(y.shape).toEqual(size);
        expect(Array.from(y.data)).toEqual(referenceSlice(values, shape, begin, size));
        // The gradient writes the seed back into the box (insertSlice) and zeros elsewhere.
        const seedValues = Array.from({ length: y.size }, (_, i) => -(i + 1));
        y.backward(t.tensor(Float32Array.from(seedValues), size));
        const grad = Array.from(x.grad!.data);
        const marked = t.tensor(Float32Array.from(values), shape).slice(begin, size);
        const expected = new Array<number>(count).fill(0);
        Array.from(marked.data).forEach((value, i) => {
          expected[value - 1] = seedValues[i];
        });
        expect(grad).toEqual(expected);
      }),
      { numRuns: 200, seed: 7 },
    );
  });
});
