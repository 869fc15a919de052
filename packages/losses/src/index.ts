/**
 * `@recur/losses`: placeholder until its issue lands.
 *
 * @packageDocumentation
 */
export const packageName = '@recur/losses';
