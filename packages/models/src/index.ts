/**
 * `@recur/models`: placeholder until its issue lands.
 *
 * @packageDocumentation
 */
export const packageName = '@recur/models';
