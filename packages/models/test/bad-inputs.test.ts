// Generated bad inputs through the model API (compile, fit, evaluate, predict, the loaders and the
// safetensors writer), on the backend under test: every one is refused with a typed recur error
// that names the argument. 1,000 inputs per family with a fixed seed; RECUR_FUZZ_RUNS for more.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Dense, LSTM } from '@recur/layers';
import {
  encodeSafetensors,
  loadModel,
  loadWeights,
  readSafetensors,
  Sequential,
} from '@recur/models';
import { ones, tensor } from '@recur/tensor';
import { describeBackends, refusesBadInputs, refusesBadInputsAsync } from '@recur/testing';
import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';

/** Values that are wrong for any numeric, boolean or object option. */
const junk = fc.oneof(
  fc.constantFrom(null, NaN, Infinity, -Infinity, -1, 0.5, 1e300, '', 'x', '1', true, [], {}),
  fc.string({ maxLength: 8 }),
  fc.object({ maxDepth: 1 }),
  fc.double({ noDefaultInfinity: true }).filter((v) => !Number.isInteger(v)),
);

function model(): Sequential {
  const built = new Sequential([
    new LSTM({ units: 4, inputShape: [5, 3], name: 'encoder' }),
    new Dense({ units: 2, name: 'head' }),
  ]);
  built.compile({ optimizer: 'adam', loss: 'mse', metrics: ['mae'] });
  return built;
}

// Each entry: the option, and values that are wrong for it (besides unknown keys).
const badFitOptions = fc.oneof(
  fc.tuple(fc.constant('batchSize'), fc.oneof(junk, fc.integer({ max: 0 }))),
  fc.tuple(
    fc.constant('epochs'),
    fc.oneof(
      junk.filter((v) => v !== true),
      fc.integer({ max: -1 }),
    ),
  ),
  fc.tuple(fc.constant('verbose'), fc.oneof(junk, fc.integer({ min: 3 }), fc.integer({ max: -1 }))),
  fc.tuple(
    fc.constant('validationSplit'),
    fc.oneof(
      fc.double({ min: 1, noNaN: true }),
      fc.double({ max: -0.01, noNaN: true }),
      fc.constantFrom(NaN, '0.2', null, {}),
    ),
  ),
  fc.tuple(fc.constant('shuffle'), fc.constantFrom('false', 'true', 0, 1, null, {}, [])),
  fc.tuple(fc.constant('callbacks'), fc.constantFrom('x', [1], {}, [null], [{}], 5)),
  fc.tuple(fc.constant('sampleWeight'), fc.constantFrom([1, 2], 'w', 5, {})),
  fc.tuple(
    fc.constant('classWeight'),
    fc.constantFrom({ a: 1 }, { 0: 'x' }, [1], 'x', { 0: NaN }, { '-1': 1 }, { 1.5: 2 }, null),
  ),
  fc.tuple(
    fc.constant('initialEpoch'),
    fc.oneof(junk, fc.integer({ min: 2 }), fc.integer({ max: -1 })),
  ),
  fc.tuple(fc.constant('stepsPerEpoch'), fc.oneof(junk, fc.integer({ max: 0 }))),
  fc.tuple(fc.constant('signal'), fc.constantFrom('abort', {}, true, 1)),
  fc.tuple(fc.constant('seed'), fc.constantFrom(NaN, 1.5, 'x', Infinity, {}, null)),
  fc.tuple(fc.constant('validationData'), fc.constantFrom('x', 5, [1], [1, 2, 3, 4], {}, null)),
  fc.tuple(
    fc.constantFrom('batch_size', 'validation_split', 'epoch', 'steps_per_epoch', 'verbosity'),
    fc.anything(),
  ),
);

/** x shaped wrong for an LSTM over [5, 3] windows: wrong rank, steps, features, or not data. */
const badX = fc.oneof(
  fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 6 })).map(([n, f]) => ({
    value: ones([n, f]),
    names: 'x',
  })),
  fc
    .tuple(
      fc.integer({ min: 1, max: 3 }),
      fc.integer({ min: 1, max: 8 }),
      fc.integer({ min: 1, max: 6 }),
    )
    .filter(([, t, f]) => t !== 5 || f !== 3)
    .map(([n, t, f]) => ({ value: ones([n, t, f]), names: 'x' })),
  fc.constantFrom('x', 5, null, true, {}).map((value) => ({ value, names: 'x' })),
);

describeBackends('bad inputs through the model API', () => {
  let trained: Sequential;
  let saved: string;
  let weightsPath: string;
  beforeAll(async () => {
    trained = model();
    saved = mkdtempSync(join(tmpdir(), 'recur-fuzz-'));
    await trained.save(saved);
    const document = JSON.parse(readFileSync(join(saved, 'model.json'), 'utf8'));
    weightsPath = join(saved, document.weights.file);
  });

  it('compile: optimizer, loss, metrics and lossWeights', () => {
    const reserved = fc.constantFrom(
      '__proto__',
      'constructor',
      'valueOf',
      'toString',
      'hasOwnProperty',
    );
    const bad = fc.oneof(
      fc.tuple(
        fc.constant('optimizer'),
        fc.oneof(
          reserved,
          fc.constantFrom('adamm', 'sgdd', 5, {}, { className: 'Nope', config: {} }, true),
        ),
      ),
      fc.tuple(
        fc.constant('loss'),
        fc.oneof(reserved, fc.constantFrom('msee', 'cross', 5, null, true, {})),
      ),
      fc.tuple(
        fc.constant('metrics'),
        fc.oneof(
          reserved.map((name) => [name]),
          fc.constantFrom(['maee'], [5], 'mae', 5, [null], { nope: ['mae'] }),
        ),
      ),
      fc.tuple(
        fc.constant('lossWeights'),
        fc.constantFrom([NaN], 'x', { nope: 1 }, [Infinity], 5, [1, 2], { head: 'x' }),
      ),
    );
    refusesBadInputs(bad, ([option, value]) => ({
      run: () =>
        new Sequential([new Dense({ units: 2, inputShape: [3] })]).compile({
          loss: 'mse',
          [option]: value,
        } as never),
      names: option === 'metrics' ? /metric/ : option,
    }));
  });

  it('fit: every option and the data', async () => {
    const bad = fc.oneof(
      badFitOptions.map(([option, value]) => ({
        options: { [option]: value },
        x: ones([4, 5, 3]),
        names: option,
      })),
      badX.map(({ value, names }) => ({ options: {}, x: value, names })),
    );
    await refusesBadInputsAsync(bad, ({ options, x, names }) => ({
      run: () =>
        trained.fit(x as never, ones([4, 2]), Object.assign({ verbose: 0 }, options) as never),
      names,
    }));
  });

  it('fit refuses NaN and infinite data at the batch it is in', async () => {
    const bad = fc.tuple(
      fc.constantFrom(NaN, Infinity, -Infinity),
      fc.integer({ min: 0, max: 4 * 5 * 3 - 1 }),
      fc.boolean(),
    );
    await refusesBadInputsAsync(bad, ([value, index, inTargets]) => {
      const x = ones([4, 5, 3]);
      const y = ones([4, 2]);
      (inTargets ? y : x).data[inTargets ? index % 8 : index] = value;
      return {
        run: () => trained.fit(x, y, { verbose: 0, shuffle: false }),
        names: inTargets ? 'finite values in y' : 'finite values in x',
      };
    });
  });

  it('evaluate and predict: options and data', async () => {
    const bad = fc.oneof(
      fc.tuple(
        fc.constantFrom('batchSize'),
        fc.oneof(junk, fc.integer({ max: 0 })),
        fc.constant(null),
      ),
      fc.tuple(
        fc.constantFrom('verbose'),
        fc.oneof(fc.integer({ min: 3 }), fc.constantFrom('1', NaN, null, {})),
        fc.constant(null),
      ),
      fc.tuple(
        fc.constantFrom('sampleWeight'),
        fc.constantFrom([1], 'w', 5, {}),
        fc.constant(null),
      ),
      fc.tuple(fc.constantFrom('batch_size', 'steps'), fc.anything(), fc.constant(null)),
      badX.map(({ value }) => ['x', null, value] as const),
    );
    await refusesBadInputsAsync(bad, ([option, value, x]) => ({
      run: async () => {
        const input = x ?? ones([4, 5, 3]);
        const options = x === null ? { [option]: value } : {};
        if (option === 'verbose' || option === 'sampleWeight')
          return trained.evaluate(input as never, ones([4, 2]), options as never);
        // batchSize, unknown options and bad x: both entry points must refuse them.
        let predictError: unknown;
        try {
          trained.predict(input as never, options as never);
        } catch (error) {
          predictError = error;
        }
        expect(predictError).toBeDefined();
        expect(String((predictError as Error).message)).toContain(option);
        return trained.evaluate(input as never, ones([4, 2]), options as never);
      },
      names: option,
    }));
  });

  it('loaders and the safetensors writer: paths, models, limits and entries', async () => {
    const bad = fc.oneof(
      fc
        .constantFrom(undefined, null, 5, {}, '', [], true)
        .map((directory) => ({ call: 'loadModel' as const, directory, names: 'directory' })),
      fc
        .oneof(
          junk,
          fc.constantFrom(
            { maxLayers: 0 },
            { maxDepth: -1 },
            { maxModelFileBytes: 1.5 },
            { maxHeaderBytes: 'x' },
            { unknownLimit: 5 },
            { __proto__: { maxDepth: 1 } },
          ),
        )
        .filter(
          (limits) =>
            limits !== null &&
            (typeof limits !== 'object' || Object.keys(limits).length > 0 || Array.isArray(limits)),
        )
        .map((limits) => ({ call: 'limits' as const, limits, names: 'limits' })),
      fc
        .constantFrom(null, {}, 'model', 5, [])
        .map((value) => ({ call: 'loadWeights' as const, value, names: 'model' })),
      fc
        .oneof(
          junk.filter((v) => v !== undefined),
          fc.integer({ max: 0 }),
        )
        .map((value) => ({ call: 'readSafetensors' as const, value, names: 'maxHeaderBytes' })),
      fc
        .constantFrom<unknown>(
          'x',
          5,
          null,
          {},
          [{}],
          [{ name: '', tensor: ones([1]) }],
          [{ name: 'a', tensor: [1] }],
          [
            { name: 'a', tensor: ones([1]) },
            { name: 'a', tensor: ones([1]) },
          ],
          [{ name: '__metadata__', tensor: ones([1]) }],
        )
        .map((entries) => ({
          call: 'encode' as const,
          entries,
          names: /entries|name|Tensor|unique/,
        })),
    );
    await refusesBadInputsAsync(bad, (input) => ({
      run: async () => {
        switch (input.call) {
          case 'loadModel':
            return loadModel(input.directory as never);
          case 'limits':
            return loadModel(saved, { limits: input.limits as never });
          case 'loadWeights':
            return loadWeights(input.value as never, saved);
          case 'readSafetensors':
            return readSafetensors(weightsPath, { maxHeaderBytes: input.value as never });
          case 'encode':
            return encodeSafetensors(input.entries as never);
        }
      },
      names: input.names,
    }));
  });

  it('a tensor whose storage does not match its dtype is refused by the writer', () => {
    const lying = tensor([1, 2, 3]);
    Object.defineProperty(lying, 'data', { value: new Uint8Array([1, 2, 3]) });
    expect(() => encodeSafetensors([{ name: 'w', tensor: lying }])).toThrow(
      /'w' stored as a Float32Array of 3 elements/,
    );
  });
});
