#!/usr/bin/env node
// Fails when the runtime import graph of the given source folders has a cycle (issue 15).
// Type-only imports are erased at compile time and cannot change module evaluation order, so
// they are not counted. Usage: node scripts/check-cycles.mjs packages/tensor/src [more folders]
import { cruise } from 'dependency-cruiser';

const folders = process.argv.slice(2);
if (folders.length === 0) {
  console.error('usage: node scripts/check-cycles.mjs FOLDER [FOLDER...]');
  process.exit(2);
}
const result = await cruise(folders, {
  tsPreCompilationDeps: true,
  doNotFollow: { path: 'node_modules' },
  // Only the folders asked about: a workspace dependency resolves to its built dist/, whose own
  // cycles belong to that package's check.
  includeOnly: `^(${folders.map((folder) => folder.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\/$/, '')).join('|')})/`,
  validate: true,
  ruleSet: {
    forbidden: [
      {
        name: 'no-circular',
        severity: 'error',
        from: {},
        to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
      },
    ],
  },
});
const violations = result.output.summary.violations.filter((v) => v.rule.name === 'no-circular');
for (const v of violations)
  console.log(`cycle: ${v.from} -> ${(v.cycle ?? []).map((c) => c.name ?? c).join(' -> ')}`);
console.log(`${folders.join(', ')}: ${violations.length} import(s) on a runtime cycle`);
process.exit(violations.length === 0 ? 0 : 1);
