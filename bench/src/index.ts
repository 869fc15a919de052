// recur's benchmarks: `npm run bench` (full) or `npm run bench -- --quick` (CI-sized).
// Prints markdown tables and writes JSON to bench/results/.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { info } from '@recur/native';
import { runGemmBench } from './gemm-bench.js';
import { runKernelBench } from './kernel-bench.js';

const args = process.argv.slice(2);
const quick = args.includes('--quick');

const machine = info();
console.log(`# recur benchmarks${quick ? ' (quick)' : ''}\n`);
console.log(`CPU: ${machine.cpu.model}; flags: ${machine.cpu.flags.join(' ')}`);
console.log(
  `OpenBLAS ${machine.openblas.version ?? 'n/a'}, core ${machine.openblas.coreName ?? 'n/a'} (${machine.openblas.coreTypeSource}); Node ${machine.node}; backend ${machine.backend}\n`,
);

const gemm = runGemmBench(quick);
console.log('## GEMM (float32)\n');
console.log(gemm.markdown);
console.log();

const kernels = runKernelBench({ quick, includeTs: true });
console.log('## Fused recurrent kernels (tensor ops, no layers)\n');
console.log(
  'Training step = forward keeping the workspace + backward to every weight; GFLOP/s counts 3x the forward 2*B*T*G*H*(D+H).\n',
);
console.log(kernels.markdown);
console.log();

const results = {
  date: new Date().toISOString(),
  quick,
  machine,
  gemm: gemm.rows,
  sgemmPeakGflops: gemm.peakGflops,
  kernels: kernels.rows,
};
const directory = join(dirname(fileURLToPath(import.meta.url)), '..', 'results');
mkdirSync(directory, { recursive: true });
const file = join(directory, quick ? 'latest-quick.json' : 'latest.json');
writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
console.log(`results: ${file}`);
