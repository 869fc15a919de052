/**
 * A model or weights file that cannot be read: missing, unreadable, truncated, malformed, or not
 * holding what the model expects. The message starts with the file's path, then names what was
 * expected and what was found; `detail` is the message without the path, and `cause` carries the
 * underlying system error when there is one.
 *
 * @example
 * ```ts
 * import { ModelFileError, readSafetensors } from '@recur/models';
 * try {
 *   await readSafetensors('weights.safetensors');
 * } catch (error) {
 *   if (error instanceof ModelFileError) console.log(error.path, error.detail);
 * }
 * ```
 */
export class ModelFileError extends Error {
  readonly code = 'ERR_RECUR_MODEL_FILE';

  constructor(
    readonly path: string,
    readonly detail: string,
    options?: { cause?: unknown },
  ) {
    super(`${path}: ${detail}`, options);
    this.name = 'ModelFileError';
  }
}
