import { formatLayerShape, InputLayer, type Layer, type LayerNode } from '@recur/layers';
import type { Tensor } from '@recur/tensor';

const BYTES_PER_PARAM = 4;

function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(2)} ${units[unit]}`;
}

const count = (n: number) => n.toLocaleString('en-US');

/**
 * What the summary table shows of a model. The graph's layer calls come as an argument of their
 * own because a model keeps them private; taking this instead of `Model` keeps summary.ts free of
 * model.ts, which imports it.
 */
export interface SummarizedModel {
  readonly name: string;
  readonly className: string;
  readonly built: boolean;
  readonly layers: Layer[];
  readonly trainableWeights: Tensor[];
  readonly nonTrainableWeights: Tensor[];
}

/**
 * Keras 3's summary table: `Layer (type)`, `Output Shape`, `Param #` (and `Connected to` for
 * functional models), then totals with their size at 4 bytes per parameter.
 */
export function printSummary(
  model: SummarizedModel,
  nodes: readonly LayerNode[],
  print: (line: string) => void,
): void {
  const functional = model.className !== 'Sequential';
  const rows: string[][] = [];
  const layers = model.layers;
  const outputShape = (layer: Layer): string => {
    const node = [...nodes].reverse().find((n: LayerNode) => n.layer === layer);
    if (!node) return '?';
    return node.outputs.length === 1
      ? formatLayerShape(node.outputs[0].shape)
      : `[${node.outputs.map((o) => formatLayerShape(o.shape)).join(', ')}]`;
  };
  for (const layer of layers) {
    const row = [
      `${layer.name} (${layer.className})`,
      model.built ? outputShape(layer) : '?',
      count(layer.built ? layer.countParams() : 0),
    ];
    if (functional) {
      const callers = nodes.filter((n) => n.layer === layer && !(n.layer instanceof InputLayer));
      const sources = callers.flatMap((n) =>
        [...n.inputs, ...n.initialState].map(
          (s) => `${s.node.layer.name}[${nodeIndexOf(nodes, s.node)}][${s.outputIndex}]`,
        ),
      );
      row.push(sources.join(', ') || '-');
    }
    rows.push(row);
  }
  const header = functional
    ? ['Layer (type)', 'Output Shape', 'Param #', 'Connected to']
    : ['Layer (type)', 'Output Shape', 'Param #'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)) + 2);
  const line = (left: string, fill: string, joint: string, right: string) =>
    left + widths.map((w) => fill.repeat(w)).join(joint) + right;
  const cells = (r: string[], edge: string) =>
    edge +
    r
      .map((c, i) => (i === 2 ? ` ${c.padStart(widths[i] - 2)} ` : ` ${c.padEnd(widths[i] - 2)} `))
      .join(edge) +
    edge;
  print(`Model: "${model.name}"`);
  print(line('┏', '━', '┳', '┓'));
  print(cells(header, '┃'));
  print(line('┡', '━', '╇', '┩'));
  rows.forEach((r, i) => {
    print(cells(r, '│'));
    if (i < rows.length - 1) print(line('├', '─', '┼', '┤'));
  });
  print(line('└', '─', '┴', '┘'));
  const trainable = model.trainableWeights.reduce((n, w) => n + w.size, 0);
  const nonTrainable = model.nonTrainableWeights.reduce((n, w) => n + w.size, 0);
  print(
    ` Total params: ${count(trainable + nonTrainable)} (${formatBytes((trainable + nonTrainable) * BYTES_PER_PARAM)})`,
  );
  print(` Trainable params: ${count(trainable)} (${formatBytes(trainable * BYTES_PER_PARAM)})`);
  print(
    ` Non-trainable params: ${count(nonTrainable)} (${formatBytes(nonTrainable * BYTES_PER_PARAM)})`,
  );
}

function nodeIndexOf(nodes: readonly LayerNode[], node: LayerNode): number {
  return nodes.filter((n) => n.layer === node.layer).indexOf(node);
}
