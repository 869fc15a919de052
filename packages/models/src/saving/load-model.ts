import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Serialized } from '@recur/layers';
import type { LossSpec, MetricSpec } from '../training/compiled-state.js';
import type { DType, Tensor } from '@recur/tensor';
import type { Model } from '../model.js';
import { modelFromConfig } from '../model-from-config.js';
import { MODEL_FILE, MODEL_FORMAT_VERSION, OPTIMIZER_FILE, WEIGHTS_FILE } from './save-model.js';
import { readSafetensors } from './safetensors.js';
import { ModelFileError } from './saving-errors.js';

// model.json holds only architecture and settings; anything bigger is not a recur model file.
const MAXIMUM_MODEL_FILE_BYTES = 64 * 1024 * 1024;

interface ModelDocument {
  format: string;
  formatVersion: number;
  className: string;
  config: Record<string, unknown>;
  compile: {
    loss: LossSpec;
    metrics: MetricSpec;
    lossWeights: number[] | Record<string, number> | null;
    optimizer: Serialized | null;
  } | null;
  optimizerState: {
    file: string;
    iterations: number;
    slots: string[];
    parameters: string[];
  } | null;
}

async function readDocument(path: string): Promise<ModelDocument> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch (error) {
    throw new ModelFileError(path, `cannot read ${MODEL_FILE} (is this a model directory?)`, {
      cause: error,
    });
  }
  if (size > MAXIMUM_MODEL_FILE_BYTES)
    throw new ModelFileError(
      path,
      `expected at most ${MAXIMUM_MODEL_FILE_BYTES} bytes for ${MODEL_FILE}, found ${size}`,
    );
  let document: ModelDocument;
  try {
    document = JSON.parse(await readFile(path, 'utf8')) as ModelDocument;
  } catch (error) {
    throw new ModelFileError(path, `expected valid JSON: ${(error as Error).message}`, {
      cause: error,
    });
  }
  if (!document || typeof document !== 'object' || document.format !== 'recur-model')
    throw new ModelFileError(
      path,
      `expected a recur model file (format 'recur-model'), found ${JSON.stringify((document as { format?: unknown })?.format)}`,
    );
  if (document.formatVersion !== MODEL_FORMAT_VERSION)
    throw new ModelFileError(
      path,
      `expected format version ${MODEL_FORMAT_VERSION}, found ${JSON.stringify(document.formatVersion)}`,
    );
  if (
    typeof document.className !== 'string' ||
    !document.config ||
    typeof document.config !== 'object'
  )
    throw new ModelFileError(path, 'expected a className and a config object');
  return document;
}

function expectedOf(
  names: string[],
  tensors: Tensor[],
): Record<string, { shape: number[]; dtype: DType }> {
  return Object.fromEntries(
    names.map((name, i) => [name, { shape: [...tensors[i].shape], dtype: tensors[i].dtype }]),
  );
}

/** Loads weights from `weights.safetensors` (checked against the model's names, shapes, dtypes). */
export async function loadWeightsInto(model: Model, directory: string): Promise<void> {
  const names = model.weightNames;
  const weights = model.weights;
  const { tensors } = await readSafetensors(join(directory, WEIGHTS_FILE), {
    expected: expectedOf(names, weights),
  });
  names.forEach((name, i) => {
    weights[i].data.set(tensors.get(name)!.data);
  });
}

/**
 * Rebuilds a model saved with `model.save(directory)`: the architecture from model.json (only
 * registered layer classes; nothing in the file is executed), the weights from
 * weights.safetensors (every name, shape and dtype checked before anything is allocated), and,
 * when it was compiled, the compile settings and the optimizer state, so training resumes where
 * it stopped. Every problem with the files is a `ModelFileError`.
 *
 * @example
 * ```ts
 * import { loadModel } from '@recur/models';
 * // const model = await loadModel('out/model');
 * // model.predict(x);
 * ```
 */
export async function loadModel(directory: string): Promise<Model> {
  const modelPath = join(directory, MODEL_FILE);
  const document = await readDocument(modelPath);
  let model: Model;
  try {
    model = modelFromConfig(document.className, document.config);
  } catch (error) {
    throw new ModelFileError(
      modelPath,
      `expected an architecture recur can rebuild: ${(error as Error).message}`,
      { cause: error },
    );
  }
  if (!model.built)
    throw new ModelFileError(
      modelPath,
      'expected a model saved after it was built (with known input shapes)',
    );
  await loadWeightsInto(model, directory);
  if (document.compile) {
    const { loss, metrics, lossWeights, optimizer } = document.compile;
    try {
      model.compile({
        loss,
        metrics,
        lossWeights: lossWeights ?? undefined,
        optimizer: optimizer ?? undefined,
      });
    } catch (error) {
      throw new ModelFileError(
        modelPath,
        `expected compile settings recur can restore: ${(error as Error).message}`,
        { cause: error },
      );
    }
    const saved = document.optimizerState;
    if (saved && model.optimizer) {
      const params = model.trainableWeights;
      const names = model.weightNames;
      const weights = model.weights;
      const parameters = params.map((p) => names[weights.indexOf(p)]);
      if (JSON.stringify(parameters) !== JSON.stringify(saved.parameters))
        throw new ModelFileError(
          modelPath,
          `expected optimizer state for this model's trainable weights, found state for ${JSON.stringify(saved.parameters)}`,
        );
      const expected: Record<string, { shape: number[]; dtype: DType }> = {};
      for (const slot of saved.slots) {
        params.forEach((p, i) => {
          expected[`${parameters[i]}/${slot}`] = { shape: [...p.shape], dtype: p.dtype };
        });
      }
      const { tensors } = await readSafetensors(join(directory, OPTIMIZER_FILE), { expected });
      const slots = Object.fromEntries(
        saved.slots.map((slot) => [
          slot,
          parameters.map(
            (name) => tensors.get(`${name}/${slot}`)!.data as Float32Array | Float64Array,
          ),
        ]),
      );
      try {
        model.optimizer.setState(params, { iterations: saved.iterations, slots });
      } catch (error) {
        throw new ModelFileError(
          join(directory, OPTIMIZER_FILE),
          `expected an optimizer state this optimizer accepts: ${(error as Error).message}`,
          { cause: error },
        );
      }
    }
  }
  return model;
}

/**
 * Loads `weights.safetensors` from a directory into an existing model of the same architecture
 * (the counterpart of `save(directory, { weightsOnly: true })`).
 *
 * @example
 * ```ts
 * import { loadWeights } from '@recur/models';
 * // await loadWeights(model, 'checkpoints/epoch-05');
 * ```
 */
export async function loadWeights(model: Model, directory: string): Promise<void> {
  await loadWeightsInto(model, directory);
}
