import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The element-wise kernels rely on the compiler's auto-vectorization, which a compiler flag can
// silently switch off: without -fno-trapping-math, gcc 12 left every avx2 activation and fused
// row loop scalar (the kernels stayed correct and ran 1.5-3x slower). This reads the avx2 and
// avx512 objects of the build and asserts each of those functions has vector instructions of its
// width; it needs the build folder and binutils' objdump, and says so when either is missing.
const objects = fileURLToPath(
  new URL('../build/CMakeFiles/recur_kernels.dir/cpp/kernels/', import.meta.url),
);
const hasObjdump = spawnSync('objdump', ['--version']).status === 0;
const canRead = existsSync(objects) && hasObjdump;

/** Instructions per function (its demangled signature) in one object file. */
function disassemble(object: string): Map<string, string[]> {
  const result = spawnSync('objdump', ['-d', '--no-show-raw-insn', '-C', object], {
    encoding: 'utf8',
    maxBuffer: 64 * 2 ** 20,
  });
  expect(result.status, result.stderr).toBe(0);
  const functions = new Map<string, string[]>();
  let current: string[] | null = null;
  for (const line of result.stdout.split('\n')) {
    const header = /^[0-9a-f]+ <(.*)>:$/.exec(line);
    if (header) {
      current = [];
      functions.set(header[1]!, current);
    } else if (current && line.includes(':\t')) {
      current.push(line);
    }
  }
  return functions;
}

const expectations = [
  { file: 'activations', functions: ['activate', 'scaleByDerivative'] },
  { file: 'recurrent-rows', functions: ['gruForwardRows', 'gruBackwardRows', 'lstmBackwardRows'] },
];

describe.skipIf(!canRead)('vectorized element-wise kernels', () => {
  for (const [isa, register] of [
    ['avx2', '%ymm'],
    ['avx512', '%zmm'],
  ] as const) {
    for (const { file, functions } of expectations) {
      it(`${isa}/${file}: ${functions.join(', ')} use ${register} registers`, () => {
        const disassembly = disassemble(join(objects, isa, `${file}-${isa}.cpp.o`));
        for (const name of functions) {
          const signature = [...disassembly.keys()].find((key) => key.includes(`::${name}(`));
          const instructions = signature === undefined ? undefined : disassembly.get(signature);
          expect(instructions, `${name} in ${file}-${isa}`).toBeDefined();
          const vector = instructions!.filter((line) => line.includes(register)).length;
          expect(vector, `${register} instructions in ${isa} ${name}`).toBeGreaterThan(20);
        }
      });
    }
  }
});

if (!canRead) {
  describe('vectorized element-wise kernels', () => {
    it.skip(
      `needs ${objects} and objdump (binutils): ${existsSync(objects) ? 'objdump is missing' : 'no build folder'}`,
    );
  });
}
