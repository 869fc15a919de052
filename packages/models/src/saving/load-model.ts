import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { buildForSavedWeights, type SavedWeightShapes } from '@recur/layers';
import { type DType, type Tensor, ValueError } from '@recur/tensor';
import { Model } from '../model.js';
import { modelFromConfig } from '../model-from-config.js';
import { removeAbandonedFiles } from './checkpoint-files.js';
import { type LoadLimits, loadLimits } from './load-limits.js';
import {
  MODEL_FILE,
  type ModelDocument,
  readModelDocument,
  type SavedFile,
} from './model-document.js';
import { WEIGHTS_FILE } from './save-model.js';
import { readSafetensors, readSafetensorsHeader } from './safetensors.js';
import { ModelFileError } from './saving-errors.js';

/** Options of {@link loadModel} and {@link loadWeights}. */
export interface LoadOptions {
  /** Raise the bounds on what the files may declare, for a big real model (see `LoadLimits`). */
  limits?: Partial<LoadLimits>;
}

function checkDirectory(op: string, directory: unknown): string {
  if (typeof directory !== 'string' || directory === '')
    throw new ValueError(op, 'directory to be a path (a non-empty string)', describe(directory));
  return directory;
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (typeof value === 'string') return "''";
  return typeof value === 'object' ? (value.constructor?.name ?? 'an object') : typeof value;
}

function expectedOf(
  names: string[],
  tensors: Tensor[],
): Record<string, { shape: number[]; dtype: DType }> {
  return Object.fromEntries(
    names.map((name, i) => [name, { shape: [...tensors[i].shape], dtype: tensors[i].dtype }]),
  );
}

/** Reads a checkpoint tensor file, checked against the model and against what model.json recorded. */
async function readSavedFile(
  directory: string,
  saved: SavedFile,
  expected: Record<string, { shape: number[]; dtype: DType }>,
  limits: LoadLimits,
): Promise<Map<string, Tensor>> {
  const path = join(directory, saved.file);
  const header = await readSafetensorsHeader(path, { maxHeaderBytes: limits.maxHeaderBytes });
  const size = header.dataStart + header.dataByteLength;
  if (saved.bytes !== undefined && size !== saved.bytes)
    throw new ModelFileError(
      path,
      `expected ${saved.bytes} bytes (recorded when it was saved), found ${size}: the file was changed or replaced after the save`,
    );
  const { tensors } = await readSafetensors(path, {
    expected,
    maxHeaderBytes: limits.maxHeaderBytes,
    sha256: saved.sha256,
  });
  return tensors;
}

async function loadWeightsFrom(
  model: Model,
  directory: string,
  saved: SavedFile,
  limits: LoadLimits,
): Promise<void> {
  const names = model.weightNames;
  const weights = model.weights;
  const tensors = await readSavedFile(directory, saved, expectedOf(names, weights), limits);
  names.forEach((name, i) => {
    weights[i].data.set(tensors.get(name)!.data);
  });
}

/** The saved weights' names, shapes and dtypes, from the file's header alone. */
async function savedShapes(
  directory: string,
  saved: SavedFile,
  limits: LoadLimits,
): Promise<SavedWeightShapes> {
  const header = await readSafetensorsHeader(join(directory, saved.file), {
    maxHeaderBytes: limits.maxHeaderBytes,
  });
  return new Map(header.tensors.map((t) => [t.name, { shape: t.shape, dtype: t.dtype }]));
}

function rebuild(path: string, document: ModelDocument, shapes: SavedWeightShapes): Model {
  let model: Model;
  try {
    // Weights are about to be read: each is checked against the file's header and allocated as
    // zeros, never initialized (an orthogonal LSTM(1024) kernel alone costs seconds).
    model = buildForSavedWeights(shapes, () =>
      modelFromConfig(document.className, document.config),
    );
  } catch (error) {
    throw new ModelFileError(
      path,
      `expected an architecture recur can rebuild from its weights: ${(error as Error).message}`,
      { cause: error },
    );
  }
  if (!model.built)
    throw new ModelFileError(
      path,
      'expected a model saved after it was built (with known input shapes)',
    );
  return model;
}

async function restoreTraining(
  model: Model,
  directory: string,
  document: ModelDocument,
  limits: LoadLimits,
): Promise<void> {
  const modelPath = join(directory, MODEL_FILE);
  if (!document.compile) return;
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
  if (!saved || !model.optimizer) return;
  const params = model.trainableWeights;
  const names = model.weightNames;
  const weights = model.weights;
  const parameters = params.map((p) => names[weights.indexOf(p)]);
  if (JSON.stringify(parameters) !== JSON.stringify(saved.parameters))
    throw new ModelFileError(
      modelPath,
      `expected optimizer state for this model's trainable weights, found state for ${JSON.stringify(saved.parameters).slice(0, 200)}`,
    );
  const expected: Record<string, { shape: number[]; dtype: DType }> = {};
  for (const slot of saved.slots)
    params.forEach((p, i) => {
      expected[`${parameters[i]}/${slot}`] = { shape: [...p.shape], dtype: p.dtype };
    });
  const tensors = await readSavedFile(directory, saved, expected, limits);
  const slots = Object.fromEntries(
    saved.slots.map((slot) => [
      slot,
      parameters.map((name) => tensors.get(`${name}/${slot}`)!.data as Float32Array | Float64Array),
    ]),
  );
  try {
    model.optimizer.setState(params, { iterations: saved.iterations, slots });
  } catch (error) {
    throw new ModelFileError(
      join(directory, saved.file),
      `expected an optimizer state this optimizer accepts: ${(error as Error).message}`,
      { cause: error },
    );
  }
}

/**
 * Rebuilds a model saved with `model.save(directory)`: the architecture from model.json (only
 * registered layer classes; nothing in the file is executed), the weights from the file it names
 * (its size and SHA-256 as recorded at the save, every name, shape and dtype checked against the
 * architecture before anything large is allocated), and, when it was compiled, the compile
 * settings and the optimizer state, so training resumes where it stopped. Files are untrusted:
 * only regular files are read, within `limits`. Every problem with the files is a
 * `ModelFileError`. Files that a save killed midway left behind are removed.
 *
 * @example
 * ```ts
 * import { loadModel } from '@recur/models';
 * // const model = await loadModel('out/model');
 * // const big = await loadModel('out/huge', { limits: { maxLayers: 50_000 } });
 * ```
 */
export async function loadModel(directory: string, options: LoadOptions = {}): Promise<Model> {
  checkDirectory('loadModel', directory);
  const limits = loadLimits('loadModel', options.limits);
  const modelPath = join(directory, MODEL_FILE);
  const document = await readModelDocument(modelPath, limits);
  const model = rebuild(
    modelPath,
    document,
    await savedShapes(directory, document.weights, limits),
  );
  await loadWeightsFrom(model, directory, document.weights, limits);
  await restoreTraining(model, directory, document, limits);
  const keep = new Set([document.weights.file]);
  if (document.optimizerState) keep.add(document.optimizerState.file);
  await removeAbandonedFiles(directory, keep);
  return model;
}

/**
 * Loads weights into an existing model of the same architecture: from `weights.safetensors` (a
 * `save(directory, { weightsOnly: true })`), or else from the checkpoint model.json names.
 *
 * @example
 * ```ts
 * import { loadWeights } from '@recur/models';
 * // await loadWeights(model, 'checkpoints/epoch-05');
 * ```
 */
export async function loadWeights(
  model: Model,
  directory: string,
  options: LoadOptions = {},
): Promise<void> {
  if (!(model instanceof Model))
    throw new ValueError('loadWeights', 'model to be a recur Model', describe(model));
  checkDirectory('loadWeights', directory);
  const limits = loadLimits('loadWeights', options.limits);
  const exists = (file: string) =>
    access(join(directory, file)).then(
      () => true,
      () => false,
    );
  let saved: SavedFile;
  if (await exists(WEIGHTS_FILE)) saved = { file: WEIGHTS_FILE };
  else if (await exists(MODEL_FILE))
    saved = (await readModelDocument(join(directory, MODEL_FILE), limits)).weights;
  else
    throw new ModelFileError(
      directory,
      `expected ${WEIGHTS_FILE} (a weights-only save) or ${MODEL_FILE} (a checkpoint), found neither`,
    );
  await loadWeightsFrom(model, directory, saved, limits);
}
