import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Optimizer } from '@recur/optim';
import { Tensor, ValueError } from '@recur/tensor';
import type { CompileConfig } from '../training/compile-settings.js';
import { removeStaleTempFiles, writeFileAtomic } from './atomic-write.js';
import {
  generationFileName,
  isCheckpointFileName,
  newGeneration,
  removeAbandonedFiles,
  removeFiles,
  writeCheckpointFile,
} from './checkpoint-files.js';
import { DEFAULT_LOAD_LIMITS } from './load-limits.js';
import { MODEL_FILE, MODEL_FORMAT_VERSION } from './model-document.js';
import { readRegularFile } from './open-regular-file.js';
import { encodeSafetensors } from './safetensors.js';
import { parseUntrustedJson } from './untrusted-json.js';

/** The file of a weights-only save (and of the first format version's checkpoints). */
export const WEIGHTS_FILE = 'weights.safetensors';

export interface SaveOptions {
  /** Only weights.safetensors (Keras' save_weights); load them with `loadWeights`. */
  weightsOnly?: boolean;
  /** Save the optimizer's slots and step count, to resume training exactly (default true). */
  includeOptimizer?: boolean;
}

/**
 * What saving reads of a model, all of it public. Saving takes this rather than `Model` so that
 * model.ts can import it statically: `Model.save` depends on saving, saving never on model.ts.
 */
export interface SavableModel {
  readonly built: boolean;
  readonly className: string;
  /** `layer/weight` names in the order of `weights`. */
  readonly weightNames: string[];
  readonly weights: Tensor[];
  readonly trainableWeights: Tensor[];
  readonly optimizer: Optimizer | null;
  getConfig(): Record<string, unknown>;
  compileConfig(): CompileConfig | null;
}

/** The model's compile config, failing as `save` when it has no JSON form. */
function compileConfigOf(model: SavableModel): CompileConfig | null {
  try {
    return model.compileConfig();
  } catch (error) {
    if (!(error instanceof ValueError)) throw error;
    throw new ValueError('save', error.expected, error.received);
  }
}

/**
 * Writes a model directory as one checkpoint: the tensors of this save go to files of their own,
 * `weights.<generation>.safetensors` and (when compiled) `optimizer.<generation>.safetensors`,
 * each written atomically (temporary file, fsync, rename); then `model.json` (architecture,
 * compile settings, optimizer config and step count, and the size and SHA-256 of both files) is
 * renamed into place, which switches the folder to the new checkpoint in one step; then the
 * previous generation's files are removed. A process killed at any moment leaves the previous
 * complete checkpoint or the new one, and the next save or load removes what it left behind.
 * `weightsOnly` writes `weights.safetensors` alone (one atomic file).
 */
export async function saveModel(
  model: SavableModel,
  directory: string,
  options: SaveOptions = {},
): Promise<void> {
  if (!model.built)
    throw new ValueError(
      'save',
      'a built model (call fit, predict or build first)',
      'an unbuilt model',
    );
  // Serialize first: a config that cannot be saved fails before any file is touched.
  const compile = options.weightsOnly ? null : compileConfigOf(model);
  const config = model.getConfig();
  await mkdir(directory, { recursive: true });
  const names = model.weightNames;
  const weights = model.weights;
  const weightChunks = encodeSafetensors(
    names.map((name, i) => ({ name, tensor: weights[i] })),
    { format: 'recur', formatVersion: String(MODEL_FORMAT_VERSION) },
  );
  if (options.weightsOnly) {
    await removeStaleTempFiles(directory);
    await writeFileAtomic(join(directory, WEIGHTS_FILE), weightChunks);
    return;
  }

  const previous = await checkpointFilesOf(directory);
  await removeAbandonedFiles(directory, previous);
  const generation = newGeneration();
  const written: string[] = [];
  try {
    const weightsFile = generationFileName('weights', generation);
    written.push(weightsFile);
    const savedWeights = await writeCheckpointFile(directory, weightsFile, weightChunks);
    let optimizer: Record<string, unknown> | null = null;
    if (model.optimizer && compile && (options.includeOptimizer ?? true)) {
      const params = model.trainableWeights;
      const parameters = params.map((p) => names[weights.indexOf(p)]);
      const state = model.optimizer.getState(params);
      const entries = Object.entries(state.slots).flatMap(([slot, values]) =>
        values.map((value, i) => ({
          name: `${parameters[i]}/${slot}`,
          tensor: new Tensor(value, params[i].shape),
        })),
      );
      const optimizerFile = generationFileName('optimizer', generation);
      written.push(optimizerFile);
      const savedOptimizer = await writeCheckpointFile(
        directory,
        optimizerFile,
        encodeSafetensors(entries, { iterations: String(state.iterations) }),
      );
      optimizer = {
        ...savedOptimizer,
        iterations: state.iterations,
        slots: Object.keys(state.slots),
        parameters,
      };
    }
    const document = {
      format: 'recur-model',
      formatVersion: MODEL_FORMAT_VERSION,
      className: model.className,
      config,
      weights: {
        ...savedWeights,
        names,
        shapes: weights.map((w) => [...w.shape]),
        dtypes: weights.map((w) => w.dtype),
      },
      compile,
      optimizerState: optimizer,
    };
    await writeFileAtomic(join(directory, MODEL_FILE), `${JSON.stringify(document, null, 2)}\n`);
  } catch (error) {
    await removeFiles(directory, written).catch(() => {});
    throw error;
  }
  // The folder now names the new generation: what the previous one used is garbage.
  await removeFiles(
    directory,
    [...previous].filter((file) => !written.includes(file)),
  ).catch(() => {});
}

/** The tensor files the checkpoint in `directory` names now (none when it has no model.json). */
export async function checkpointFilesOf(directory: string): Promise<Set<string>> {
  const files = new Set<string>();
  try {
    const path = join(directory, MODEL_FILE);
    const text = await readRegularFile(
      path,
      DEFAULT_LOAD_LIMITS.maxModelFileBytes,
      'maxModelFileBytes',
    );
    const document = parseUntrustedJson(
      text.toString('utf8'),
      path,
      DEFAULT_LOAD_LIMITS.maxDepth,
    ) as {
      weights?: { file?: unknown };
      optimizerState?: { file?: unknown };
    } | null;
    for (const entry of [document?.weights, document?.optimizerState]) {
      const file = entry?.file;
      if (isCheckpointFileName(file, 'weights') || isCheckpointFileName(file, 'optimizer'))
        files.add(file);
    }
  } catch {
    // No readable checkpoint here: nothing of it to keep or to supersede.
  }
  return files;
}
