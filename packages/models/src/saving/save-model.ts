import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Loss, Metric } from '@recur/losses';
import { Tensor, ValueError } from '@recur/tensor';
import type { CompileOptions, Model } from '../model.js';
import { removeStaleTempFiles, writeFileAtomic } from './atomic-write.js';
import { writeSafetensors } from './safetensors.js';

/** Bumped when the saved layout changes incompatibly; loadModel refuses other versions. */
export const MODEL_FORMAT_VERSION = 1;
export const MODEL_FILE = 'model.json';
export const WEIGHTS_FILE = 'weights.safetensors';
export const OPTIMIZER_FILE = 'optimizer.safetensors';

export interface SaveOptions {
  /** Only weights.safetensors (Keras' save_weights); load them with `loadWeights`. */
  weightsOnly?: boolean;
  /** Save the optimizer's slots and step count, to resume training exactly (default true). */
  includeOptimizer?: boolean;
}

/** A loss or metric identifier as JSON: names stay names, objects become `{ className, config }`. */
function serializeIdentifier(identifier: unknown, what: string): unknown {
  if (typeof identifier === 'string') return identifier;
  if (identifier instanceof Loss || identifier instanceof Metric) return identifier.getConfig();
  if (identifier !== null && typeof identifier === 'object' && 'className' in identifier)
    return identifier;
  throw new ValueError(
    'save',
    `${what} given by name or as objects (a plain function cannot be saved)`,
    typeof identifier,
  );
}

/** Applies `serialize` to every identifier of a spec: one, a list, nested lists, or an object by output name. */
function serializeSpec(spec: unknown, what: string): unknown {
  if (Array.isArray(spec)) return spec.map((item) => serializeSpec(item, what));
  if (
    spec !== null &&
    typeof spec === 'object' &&
    !(spec instanceof Loss) &&
    !(spec instanceof Metric) &&
    !('className' in spec)
  ) {
    return Object.fromEntries(
      Object.entries(spec).map(([name, value]) => [name, serializeSpec(value, what)]),
    );
  }
  return serializeIdentifier(spec, what);
}

function serializeCompile(settings: CompileOptions, model: Model): Record<string, unknown> {
  return {
    loss: serializeSpec(settings.loss, 'losses'),
    metrics: serializeSpec(settings.metrics ?? [], 'metrics'),
    lossWeights: settings.lossWeights ?? null,
    optimizer: model.optimizer?.getConfig() ?? null,
  };
}

/**
 * Writes a model directory: `weights.safetensors` (every weight under its `layer/name`),
 * `optimizer.safetensors` (slots, when compiled), then `model.json` (architecture, compile
 * settings, optimizer config and step count, format version). Each file is written atomically
 * (temp file, fsync, rename) and model.json is written last, so a save killed midway leaves the
 * previous checkpoint loadable.
 */
export async function saveModel(
  model: Model,
  directory: string,
  options: SaveOptions = {},
): Promise<void> {
  if (!model.built)
    throw new ValueError(
      'save',
      'a built model (call fit, predict or build first)',
      'an unbuilt model',
    );
  const settings = model.compileSettings;
  // Serialize first: a config that cannot be saved fails before any file is touched.
  const compile = settings && !options.weightsOnly ? serializeCompile(settings, model) : null;
  const config = model.getConfig();
  await mkdir(directory, { recursive: true });
  await removeStaleTempFiles(directory);
  const names = model.weightNames;
  const weights = model.weights;
  await writeSafetensors(
    join(directory, WEIGHTS_FILE),
    names.map((name, i) => ({ name, tensor: weights[i] })),
    { format: 'recur', formatVersion: String(MODEL_FORMAT_VERSION) },
  );
  if (options.weightsOnly) return;

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
    await writeSafetensors(join(directory, OPTIMIZER_FILE), entries, {
      iterations: String(state.iterations),
    });
    optimizer = {
      file: OPTIMIZER_FILE,
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
      file: WEIGHTS_FILE,
      names,
      shapes: weights.map((w) => [...w.shape]),
      dtypes: weights.map((w) => w.dtype),
    },
    compile,
    optimizerState: optimizer,
  };
  await writeFileAtomic(join(directory, MODEL_FILE), `${JSON.stringify(document, null, 2)}\n`);
}
