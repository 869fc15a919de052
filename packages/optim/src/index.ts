/**
 * `@recur/optim`: placeholder until its issue lands.
 *
 * @packageDocumentation
 */
export const packageName = '@recur/optim';
