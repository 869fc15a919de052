/**
 * `recur`: recurrent neural networks for Node.js. Re-exports every `@recur/*` package.
 *
 * @packageDocumentation
 */
export { chooseBackend, info, type NativeInfo } from '@recur/native';
