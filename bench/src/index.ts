// recur's benchmarks, in one run: `npm run bench` (full) or `npm run bench -- --quick` (CI-sized).
// GEMM peak, then every config on recur (model API and fused kernel ops; native at 1 and 2
// threads; the TypeScript backend) and on the reference frameworks, with ratios. Markdown on
// stdout, JSON in bench/results/.
//
// Flags: --quick, --no-references, --no-ts, --keep-coretype (by default every process runs with
// the OpenBLAS core type recur's loader would pick for this CPU, so recur and PyTorch use the same
// BLAS kernels whatever the shell sets), --configs=ts-small,charlm, --repeat N (N passes, each
// config's recur rows then its reference rows, so the two alternate; medians and spreads over the
// passes).
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bestOpenblasCoreType, describeAddon, readCpuDescription } from '@recur/native';
import { backendInfo } from '@recur/tensor';
import { runGemmBench } from './gemm-bench.js';
import { runModelBuildBench } from './model-build.js';
import { type RecurRow, runRecurRows } from './recur-rows.js';
import {
  BENCH_CONFIGS,
  QUICK_CONFIG_NAMES,
  REFERENCE_NAMES,
  runReferences,
} from './references/index.js';
import type { ReferenceResult, ReferenceRow } from './references/types.js';
import { comparisonTable, likeForLikeTable, recurTable, referenceTable } from './report.js';
import { medianRows } from './summary.js';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const quick = flag('quick');
const configFilter = args
  .find((a) => a.startsWith('--configs='))
  ?.slice('--configs='.length)
  .split(',');
// --references=onednn,onnxruntime: only these references (a --repeat run without tfjs' slow rows).
const referenceFilter = args
  .find((a) => a.startsWith('--references='))
  ?.slice('--references='.length)
  .split(',');
const unknownReferences = (referenceFilter ?? []).filter(
  (name) => !(REFERENCE_NAMES as string[]).includes(name),
);
if (unknownReferences.length > 0) {
  console.error(
    `--references: unknown ${unknownReferences.join(', ')}; known: ${REFERENCE_NAMES.join(', ')}`,
  );
  process.exit(2);
}
const repeatArgument =
  args.find((a) => a.startsWith('--repeat='))?.slice('--repeat='.length) ??
  (flag('repeat') ? args[args.indexOf('--repeat') + 1] : '1');
const passes = Number(repeatArgument);
if (!Number.isInteger(passes) || passes < 1 || passes > 100) {
  console.error(`--repeat expects a whole number of passes from 1 to 100, got '${repeatArgument}'`);
  process.exit(2);
}

const cpu = readCpuDescription();
const coreType = flag('keep-coretype')
  ? process.env.OPENBLAS_CORETYPE
  : (bestOpenblasCoreType(cpu.flags) ?? process.env.OPENBLAS_CORETYPE);
const environment: NodeJS.ProcessEnv = { ...process.env };
if (coreType) environment.OPENBLAS_CORETYPE = coreType;
else delete environment.OPENBLAS_CORETYPE;
// The references' child processes inherit this process' environment.
Object.assign(process.env, environment);

const started = Date.now();
const addon = describeAddon();
const backend = backendInfo();
console.log(`# recur benchmarks${quick ? ' (quick)' : ''}\n`);
console.log(`- CPU: ${cpu.model}, ${cpus().length} cores; flags: ${addon.cpu.flags.join(' ')}`);
console.log(
  `- OpenBLAS ${addon.openblas.version ?? 'n/a'}, core ${addon.openblas.coreName ?? 'n/a'} for every process (OPENBLAS_CORETYPE=${coreType ?? 'unset'}); native kernels: ${addon.addon.loaded ? `${addon.cpu.kernelIsa} microkernels` : 'addon not built'}`,
);
console.log(
  `- Node ${backend.node}; threads measured: 1 and 2; large buffers from the heap: ${backend.heapReuse} (RECUR_HEAP_REUSE)\n`,
);

const gemm = runGemmBench(quick);
console.log('## GEMM (float32)\n');
console.log(gemm.markdown);
console.log(
  `\nsgemm peak measured here: ${gemm.peakGflops?.toFixed(0) ?? 'n/a'} GFLOP/s (the "% sgemm peak" column below)\n`,
);

const modelBuild = runModelBuildBench({ quick, native: addon.addon.loaded, environment });
console.log('## Making large models\n');
console.log(
  'Creating and building the layer, its weights initialized (the Orthogonal recurrent kernel is a QR of a 4096 x 1024 matrix), in a fresh process after the backend is chosen.\n',
);
console.log(`${modelBuild.markdown}\n`);

const configs = BENCH_CONFIGS.filter(
  (c) =>
    (quick ? QUICK_CONFIG_NAMES.includes(c.name) : true) &&
    (!configFilter || configFilter.includes(c.name)),
);
const recurRows: RecurRow[] = [];
// A failed model build is reported with the rows' errors (the quick run requires none).
const recurErrors: string[] = [...modelBuild.errors];
const references: ReferenceResult = { rows: [], skipped: [] };
for (let repetition = 0; repetition < passes; repetition++) {
  for (const config of configs) {
    const { rows, errors } = runRecurRows(config, {
      quick,
      includeTs: !flag('no-ts'),
      native: addon.addon.loaded,
      environment,
      repetition,
    });
    recurRows.push(...rows);
    recurErrors.push(...errors);
    process.stderr.write(`recur: ${config.name} ${config.cell} done (pass ${repetition + 1})\n`);
    if (flag('no-references')) continue;
    const measured = await runReferences([config], {
      quick,
      only: referenceFilter,
      log: (line) => process.stderr.write(`${line}\n`),
    });
    references.rows.push(...measured.rows.map((row) => ({ ...row, repetition })));
    // The same reason repeats on every config and pass (a framework not installed): once each.
    for (const entry of measured.skipped) {
      if (
        !references.skipped.some(
          (s) => s.reference === entry.reference && s.reason === entry.reason,
        )
      )
        references.skipped.push(entry);
    }
  }
}
const recurKey = (r: RecurRow) =>
  [r.config, r.cell, r.level, r.mode, r.backend, r.threads].join('|');
const recurMedians = medianRows(recurRows, recurKey, [
  'msPerStep',
  'samplesPerSecond',
  'gflops',
  'microsecondsPerTimeStep',
  'peakRssMb',
  'pageFaultsPerStep',
]);
console.log('## recur\n');
console.log(
  `Training step = forward + backpropagation through time + SGD update; \`model\` rows use the public model API (\`trainOnBatch\`/\`predictOnBatch\`), \`kernel\` rows the fused tensor ops alone; \`stream\` is token-by-token \`step()\`. GFLOP/s counts the forward pass as 2*B*T*G*H*(D+H) and a training step as 3x that. faults/step: minor + major page faults per step after warm-up.${passes > 1 ? ` Medians of ${passes} passes; range: the lowest and highest samples/s.` : ''}\n`,
);
console.log(recurTable(recurMedians, gemm.peakGflops));
if (recurErrors.length > 0)
  console.log(`\nerrors:\n${recurErrors.map((e) => `- ${e}`).join('\n')}`);

if (!flag('no-references')) {
  const referenceKey = (r: ReferenceRow) =>
    [r.reference, r.config, r.cell, r.mode, r.threads].join('|');
  console.log('\n## Reference frameworks\n');
  console.log(
    referenceTable(
      medianRows(references.rows, referenceKey, [
        'msPerStep',
        'samplesPerSecond',
        'microsecondsPerTimeStep',
        'peakRssMb',
        'pageFaultsPerStep',
      ]),
    ),
  );
  if (references.skipped.length > 0)
    console.log(
      `\nskipped:\n${references.skipped.map((s) => `- ${s.reference}: ${s.reason}`).join('\n')}`,
    );
}

console.log(
  '\n## Comparison (samples/s, best thread count; ratios above 1 mean recur is faster)\n',
);
console.log(comparisonTable(configs, recurRows, references.rows, passes));
console.log(
  `\n## Like for like (native, same threads; model = model API, kernel = fused ops${passes > 1 ? `; median ratio over ${passes} passes [range]` : ''})\n`,
);
console.log(likeForLikeTable(configs, recurRows, references.rows, passes));

const results = {
  date: new Date().toISOString(),
  quick,
  seconds: (Date.now() - started) / 1000,
  machine: { ...addon, backend },
  coreType,
  passes,
  sgemmPeakGflops: gemm.peakGflops,
  gemm: gemm.rows,
  modelBuild: modelBuild.rows,
  recur: recurRows,
  recurErrors,
  references,
};
const directory = join(dirname(fileURLToPath(import.meta.url)), '..', 'results');
mkdirSync(directory, { recursive: true });
const file = join(directory, quick ? 'latest-quick.json' : 'latest.json');
writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
console.log(`\n${((Date.now() - started) / 1000).toFixed(0)} s; results: ${file}`);
