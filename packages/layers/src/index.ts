/**
 * `@recur/layers`: placeholder until its issue lands.
 *
 * @packageDocumentation
 */
export const packageName = '@recur/layers';
