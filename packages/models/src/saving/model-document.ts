import type { Serialized } from '@recur/layers';
import type { LossSpec, MetricSpec } from '../training/compiled-state.js';
import type { CompileConfig } from '../training/compile-settings.js';
import {
  type CheckpointFile,
  type CheckpointFileKind,
  isCheckpointFileName,
} from './checkpoint-files.js';
import type { LoadLimits } from './load-limits.js';
import { readRegularFile } from './open-regular-file.js';
import { ModelFileError } from './saving-errors.js';
import { parseUntrustedJson } from './untrusted-json.js';

/**
 * Bumped when the saved layout changes; loadModel reads this version and the ones before it.
 * 2: tensor files named per save (a generation) with their size and SHA-256 in model.json.
 */
export const MODEL_FORMAT_VERSION = 2;
export const MODEL_FILE = 'model.json';

/** The checkpoint's tensor file as model.json names it (size and hash from version 2 on). */
export type SavedFile = Pick<CheckpointFile, 'file'> & Partial<Omit<CheckpointFile, 'file'>>;

/** model.json, validated. */
export interface ModelDocument {
  formatVersion: number;
  className: string;
  config: Record<string, unknown>;
  weights: SavedFile;
  compile: CompileConfig | null;
  optimizerState:
    | (SavedFile & { iterations: number; slots: string[]; parameters: string[] })
    | null;
}

const slotPattern = /^[A-Za-z_][A-Za-z0-9_]*$/;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/**
 * Reads model.json as untrusted input: a regular file no larger than the limit, JSON nested no
 * deeper than the limit, no reserved keys, and every field the loader uses checked for its type
 * and range before anything is built from it.
 */
export async function readModelDocument(path: string, limits: LoadLimits): Promise<ModelDocument> {
  const bytes = await readRegularFile(path, limits.maxModelFileBytes, 'maxModelFileBytes');
  const parsed = parseUntrustedJson(bytes.toString('utf8'), path, limits.maxDepth);
  const fail = (detail: string): never => {
    throw new ModelFileError(path, detail);
  };
  if (!isObject(parsed) || parsed.format !== 'recur-model')
    fail(
      `expected a recur model file (format 'recur-model'), found ${show(isObject(parsed) ? parsed.format : parsed)}`,
    );
  const document = parsed as Record<string, unknown>;
  const version = document.formatVersion;
  if (
    !Number.isInteger(version) ||
    (version as number) < 1 ||
    (version as number) > MODEL_FORMAT_VERSION
  )
    fail(`expected format version 1 to ${MODEL_FORMAT_VERSION}, found ${show(version)}`);
  if (typeof document.className !== 'string' || !isObject(document.config))
    fail('expected a className and a config object');
  const config = document.config as Record<string, unknown>;
  const layers = Array.isArray(config.layers) ? config.layers.length : 0;
  if (layers > limits.maxLayers)
    fail(`expected at most ${limits.maxLayers} layers (maxLayers), found ${layers}`);

  const savedFile = (value: unknown, kind: CheckpointFileKind, field: string): SavedFile => {
    if (!isObject(value)) return fail(`expected ${field} to be an object, found ${show(value)}`);
    if (!isCheckpointFileName(value.file, kind))
      fail(
        `expected ${field}.file to name a ${kind} file in the model folder, found ${show(value.file)}`,
      );
    if ((version as number) < 2) return { file: value.file as string };
    if (!Number.isSafeInteger(value.bytes) || (value.bytes as number) < 0)
      fail(`expected ${field}.bytes to be a byte count, found ${show(value.bytes)}`);
    if (typeof value.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(value.sha256))
      fail(`expected ${field}.sha256 to be a SHA-256 in hex, found ${show(value.sha256)}`);
    return {
      file: value.file as string,
      bytes: value.bytes as number,
      sha256: value.sha256 as string,
    };
  };
  const weights = savedFile(document.weights, 'weights', 'weights');

  let compile: ModelDocument['compile'] = null;
  if (document.compile !== null && document.compile !== undefined) {
    if (!isObject(document.compile))
      fail(`expected compile to be an object, found ${show(document.compile)}`);
    const settings = document.compile as Record<string, unknown>;
    const lossWeights = settings.lossWeights ?? null;
    const finite = (values: unknown[]) =>
      values.every((v) => typeof v === 'number' && Number.isFinite(v));
    if (
      lossWeights !== null &&
      !(Array.isArray(lossWeights) && finite(lossWeights)) &&
      !(isObject(lossWeights) && finite(Object.values(lossWeights)))
    )
      fail(`expected compile.lossWeights to be finite numbers, found ${show(lossWeights)}`);
    const optimizer = settings.optimizer ?? null;
    if (optimizer !== null && !(isObject(optimizer) && typeof optimizer.className === 'string'))
      fail(`expected compile.optimizer to be { className, config }, found ${show(optimizer)}`);
    compile = {
      loss: settings.loss as LossSpec,
      metrics: (settings.metrics ?? []) as MetricSpec,
      lossWeights: lossWeights as number[] | Record<string, number> | null,
      optimizer: optimizer as Serialized | null,
    };
  }

  let optimizerState: ModelDocument['optimizerState'] = null;
  if (document.optimizerState !== null && document.optimizerState !== undefined) {
    const state = document.optimizerState as Record<string, unknown>;
    const file = savedFile(state, 'optimizer', 'optimizerState');
    if (!Number.isSafeInteger(state.iterations) || (state.iterations as number) < 0)
      fail(
        `expected optimizerState.iterations to be a step count (an integer >= 0 below 2^53), found ${show(state.iterations)}`,
      );
    const strings = (value: unknown) =>
      Array.isArray(value) && value.every((v) => typeof v === 'string');
    if (!strings(state.slots) || !(state.slots as string[]).every((slot) => slotPattern.test(slot)))
      fail(`expected optimizerState.slots to be slot names, found ${show(state.slots)}`);
    if (!strings(state.parameters))
      fail(
        `expected optimizerState.parameters to be weight names, found ${show(state.parameters)}`,
      );
    optimizerState = {
      ...file,
      iterations: state.iterations as number,
      slots: state.slots as string[],
      parameters: state.parameters as string[],
    };
  }
  return {
    formatVersion: version as number,
    className: document.className as string,
    config,
    weights,
    compile,
    optimizerState,
  };
}
