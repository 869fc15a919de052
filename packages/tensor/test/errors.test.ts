import * as t from '@recur/tensor';
import { captureError, describeBackends } from '@recur/testing';
import { expect, it } from 'vitest';

const { tensor, ones } = t;

describeBackends('typed errors name the op, the expected and the received', () => {
  it('ShapeError for shapes that do not fit', () => {
    const matmul = captureError(() => ones([2, 3]).matmul(ones([2, 3])));
    expect(matmul).toBeInstanceOf(t.ShapeError);
    expect(matmul.message).toBe(
      'matmul: expected inner dimensions that agree, received [2, 3] x [2, 3]',
    );
    expect(captureError(() => ones([2, 3]).add(ones([4])))).toBeInstanceOf(t.ShapeError);
    expect(captureError(() => ones([2, 3]).add(ones([4]))).message).toBe(
      'add: expected shapes that broadcast (NumPy rules), received [2, 3] and [4]',
    );
    expect(captureError(() => ones([6]).reshape([4, -1])).message).toContain(
      'reshape: expected a shape with 6 elements',
    );
    expect(captureError(() => ones([2, 2]).slice([1, 1], [2, 1]))).toBeInstanceOf(t.ShapeError);
    expect(captureError(() => t.concat([ones([2, 2]), ones([3, 3])], 1)).message).toContain(
      'concat: expected shapes equal to [2, 2] except on axis 1, received [3, 3]',
    );
    expect(captureError(() => tensor([[1, 2], [3]])).message).toContain('rectangular');
    expect(captureError(() => tensor([1, 2, 3], [2, 2]))).toBeInstanceOf(t.ShapeError);
    expect(captureError(() => ones([2, 3]).transpose([0, 0]))).toBeInstanceOf(t.ShapeError);
    expect(captureError(() => ones([6]).split(4))).toBeInstanceOf(t.ShapeError);
  });

  it('DTypeError for mixed or unsupported dtypes', () => {
    const mixed = captureError(() => ones([2]).add(ones([2], { dtype: 'float64' })));
    expect(mixed).toBeInstanceOf(t.DTypeError);
    expect(mixed.message).toBe(
      'add: expected operands of one dtype, received float32 and float64 (use cast())',
    );
    expect(captureError(() => tensor([1], undefined, { dtype: 'int32' }).exp()).message).toBe(
      'exp: expected x to be a float32 or float64 tensor, received int32',
    );
    expect(captureError(() => ones([3, 2]).gather(tensor([0.5])))).toBeInstanceOf(t.DTypeError);
    expect(captureError(() => tensor(['a' as unknown as number]))).toBeInstanceOf(t.DTypeError);
  });

  it('ValueError for arguments out of range, before any kernel runs', () => {
    const gather = captureError(() =>
      ones([3, 2]).gather(tensor([0, 3], undefined, { dtype: 'int32' })),
    );
    expect(gather).toBeInstanceOf(t.ValueError);
    expect(gather.message).toBe(
      'gather: expected indices in [0, 3), received 3 at flat position 1',
    );
    expect(captureError(() => ones([2]).dropout(1))).toBeInstanceOf(t.ValueError);
    expect(captureError(() => ones([2]).sum(2))).toBeInstanceOf(t.ValueError);
    expect(captureError(() => ones([2]).item())).toBeInstanceOf(t.ValueError);
    expect(
      captureError(() => t.oneHot(tensor([5], undefined, { dtype: 'int32' }), 3)),
    ).toBeInstanceOf(t.ValueError);
  });

  it('AutogradError for backward misuse', () => {
    const vector = ones([2], { requiresGrad: true }).mul(2);
    const error = captureError(() => vector.backward());
    expect(error).toBeInstanceOf(t.AutogradError);
    expect(error.message).toContain(
      'a seed gradient is required for a non-scalar output of shape [2]',
    );
    expect(captureError(() => ones([2]).sum().backward())).toBeInstanceOf(t.AutogradError);
    expect(captureError(() => vector.backward(ones([3])))).toBeInstanceOf(t.ShapeError);
    expect(
      captureError(() => tensor([1], undefined, { dtype: 'int32', requiresGrad: true })),
    ).toBeInstanceOf(t.DTypeError);
  });
});
