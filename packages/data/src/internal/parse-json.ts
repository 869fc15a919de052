import { ValueError } from '@recur/tensor';
import { describeValue } from './arguments.js';

/**
 * @internal JSON text or an already parsed object, for the `fromJSON` methods: text that is not
 * JSON is a ValueError naming the method rather than a bare SyntaxError.
 */
export function parseJSON(op: string, json: unknown): unknown {
  if (typeof json !== 'string') return json;
  try {
    return JSON.parse(json);
  } catch {
    throw new ValueError(
      op,
      'json to be JSON text or an object',
      `text that is not JSON: ${describeValue(json)}`,
    );
  }
}
