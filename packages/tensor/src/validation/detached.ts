/**
 * Whether a typed array's buffer was detached (transferred with `structuredClone(..., { transfer })`,
 * `postMessage` or `ArrayBuffer.prototype.transfer`). A detached view reads as empty, so a tensor on
 * one would silently compute with `undefined` (NaN) on the TypeScript backend; the ops refuse it.
 *
 * @example
 * ```ts
 * import { isDetached } from '@recur/tensor';
 * const values = new Float32Array(4);
 * structuredClone(values.buffer, { transfer: [values.buffer] });
 * isDetached(values); // true
 * ```
 */
export function isDetached(view: ArrayBufferView): boolean {
  // A detached view always has byteLength 0, so the probe below runs only for empty views.
  if (!ArrayBuffer.isView(view) || view.byteLength !== 0) return false;
  const buffer = view.buffer as ArrayBufferLike & { detached?: boolean };
  if (typeof buffer.detached === 'boolean') return buffer.detached;
  // Node 20 has no ArrayBuffer.prototype.detached; constructing a view on a detached buffer throws.
  try {
    new Uint8Array(buffer);
    return false;
  } catch {
    return true;
  }
}
