/**
 * `@recur/data`: placeholder until its issue lands.
 *
 * @packageDocumentation
 */
export const packageName = '@recur/data';
