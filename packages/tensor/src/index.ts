/**
 * `@recur/tensor`: placeholder until its issue lands.
 *
 * @packageDocumentation
 */
export const packageName = '@recur/tensor';
