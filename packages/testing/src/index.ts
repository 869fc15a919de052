/**
 * `@recur/testing`: placeholder until its issue lands.
 *
 * @packageDocumentation
 */
export const packageName = '@recur/testing';
