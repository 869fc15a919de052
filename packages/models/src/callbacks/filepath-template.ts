import { ValueError } from '@recur/tensor';
import {
  formatPythonNumber,
  type PythonFormatSpec,
  parsePythonFormatSpec,
} from './python-format.js';

type Segment = { text: string } | { name: string; spec: PythonFormatSpec };

/**
 * A checkpoint path with Python `str.format` placeholders (`{epoch:02d}`, `{val_loss:.4f}`,
 * `{loss}`, `{{` for a literal brace), parsed once so a malformed path fails at construction
 * rather than at the end of the first epoch.
 *
 * @example
 * ```ts
 * const template = new FilepathTemplate('ckpt/{epoch:02d}-{val_loss:.2f}.keras');
 * template.format({ epoch: 3, val_loss: 0.4567 }, ['epoch']); // 'ckpt/03-0.46.keras'
 * ```
 */
export class FilepathTemplate {
  readonly segments: readonly Segment[];

  constructor(
    readonly template: string,
    private readonly op = 'ModelCheckpoint',
  ) {
    this.segments = parse(template, op);
  }

  /** The names the template refers to. */
  get placeholders(): string[] {
    return this.segments.flatMap((segment) => ('name' in segment ? [segment.name] : []));
  }

  /** Fills the placeholders; `integerKeys` are formatted as Python ints (no `.0`). */
  format(values: Readonly<Record<string, number>>, integerKeys: readonly string[] = []): string {
    return this.segments
      .map((segment) => {
        if ('text' in segment) return segment.text;
        const value = values[segment.name];
        if (value === undefined)
          throw new ValueError(
            this.op,
            `a value for {${segment.name}} in ${JSON.stringify(this.template)} among ${Object.keys(values).join(', ')}`,
            'no such key',
          );
        return formatPythonNumber(value, segment.spec, integerKeys.includes(segment.name), this.op);
      })
      .join('');
  }
}

function parse(template: string, op: string): Segment[] {
  const segments: Segment[] = [];
  let text = '';
  let index = 0;
  while (index < template.length) {
    const char = template[index];
    const next = template[index + 1];
    if ((char === '{' && next === '{') || (char === '}' && next === '}')) {
      text += char;
      index += 2;
      continue;
    }
    if (char === '}')
      throw new ValueError(op, "a filepath whose '}' closes a placeholder or is doubled", template);
    if (char !== '{') {
      text += char;
      index += 1;
      continue;
    }
    const close = template.indexOf('}', index);
    if (close === -1) throw new ValueError(op, "a filepath whose '{' is closed by '}'", template);
    const field = template.slice(index + 1, close);
    const colon = field.indexOf(':');
    const name = colon === -1 ? field : field.slice(0, colon);
    if (!/^[^{}:!.[\]\s]+$/.test(name))
      throw new ValueError(op, 'a placeholder name like {epoch} or {val_loss:.4f}', `{${field}}`);
    if (text !== '') segments.push({ text });
    text = '';
    segments.push({
      name,
      spec: parsePythonFormatSpec(op, colon === -1 ? '' : field.slice(colon + 1)),
    });
    index = close + 1;
  }
  if (text !== '') segments.push({ text });
  return segments;
}
