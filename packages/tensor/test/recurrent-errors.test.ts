import * as t from '@recur/tensor';
import { captureError, describeBackends } from '@recur/testing';
import { expect, it } from 'vitest';

const { ones, zeros } = t;

// Bad input gives a typed error from the op layer before any kernel runs (TensorFlow's
// CVE-2020-26270 was a zero-length LSTM input crashing the process).
describeBackends('recurrent ops reject bad input with typed errors', () => {
  const W = ones([3, 16]);
  const U = ones([4, 16]);
  it('wrong ranks', () => {
    const error = captureError(() => t.lstm(ones([2, 3]), W, U, null));
    expect(error).toBeInstanceOf(t.ShapeError);
    expect(error.message).toBe(
      'lstm: expected x of rank 3 [batch, steps, features], received [2, 3]',
    );
    expect(captureError(() => t.lstm(ones([2, 5, 3]), ones([3, 16, 1]), U, null))).toBeInstanceOf(
      t.ShapeError,
    );
  });

  it('mismatched D and H', () => {
    expect(captureError(() => t.lstm(ones([2, 5, 4]), W, U, null)).message).toBe(
      'lstm: expected kernel of shape [4, 4*units] (input features 4, 4 gates), received [3, 16]',
    );
    expect(captureError(() => t.lstm(ones([2, 5, 3]), W, ones([5, 16]), null)).message).toBe(
      'lstm: expected recurrentKernel of shape [4, 16], received [5, 16]',
    );
    expect(
      captureError(() => t.gru(ones([2, 5, 3]), ones([3, 12]), ones([4, 12]), zeros([12]))).message,
    ).toContain('gru: expected bias of shape [2, 12] (resetAfter true)');
    expect(
      captureError(() =>
        t.gru(ones([2, 5, 3]), ones([3, 12]), ones([4, 12]), zeros([2, 12]), { resetAfter: false }),
      ),
    ).toBeInstanceOf(t.ShapeError);
    expect(
      captureError(() => t.lstm(ones([2, 5, 3]), W, U, null, { initialH: zeros([2, 5]) })).message,
    ).toBe('lstm: expected initialH of shape [2, 4], received [2, 5]');
    expect(
      captureError(() =>
        t.simpleRnn(ones([2, 5, 3]), ones([3, 4]), ones([4, 4]), null, { initialC: zeros([2, 4]) }),
      ),
    ).toBeInstanceOf(t.ValueError);
  });

  it('a mask of the wrong shape', () => {
    expect(
      captureError(() => t.lstm(ones([2, 5, 3]), W, U, null, { mask: ones([2, 4]) })).message,
    ).toBe('lstm: expected mask of shape [2, 5], received [2, 4]');
    expect(
      captureError(() =>
        t.lstm(ones([2, 5, 3]), W, U, null, { recurrentDropoutMask: ones([4, 2]) }),
      ),
    ).toBeInstanceOf(t.ShapeError);
  });

  it('T = 0 and B = 0', () => {
    expect(captureError(() => t.lstm(zeros([2, 0, 3]), W, U, null)).message).toBe(
      'lstm: expected at least one time step, received x of shape [2, 0, 3]',
    );
    expect(
      captureError(() => t.gru(zeros([0, 5, 3]), ones([3, 12]), ones([4, 12]), null)).message,
    ).toBe('gru: expected a batch of at least one sequence, received x of shape [0, 5, 3]');
    expect(
      captureError(() => t.simpleRnn(zeros([0, 0, 3]), ones([3, 4]), ones([4, 4]), null)),
    ).toBeInstanceOf(t.ShapeError);
  });

  it('mixed dtypes and unknown activations', () => {
    expect(
      captureError(() => t.lstm(ones([2, 5, 3], { dtype: 'float64' }), W, U, null)),
    ).toBeInstanceOf(t.DTypeError);
    expect(
      captureError(() => t.lstm(ones([2, 5, 3], { dtype: 'int32' }), W, U, null)),
    ).toBeInstanceOf(t.DTypeError);
    const activation = captureError(() =>
      t.lstm(ones([2, 5, 3]), W, U, null, { activation: 'softmax' as t.RecurrentActivation }),
    );
    expect(activation).toBeInstanceOf(t.ValueError);
    expect(activation.message).toContain("received 'softmax'");
  });
});
