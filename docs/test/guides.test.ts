// Runs the code of the guides in docs/*.md, and checks their links and the index.
//
// Design: the ```ts (or ```typescript) blocks of one guide run in order, as one module, like the
// cells of a notebook: a later block may use what an earlier one defined, so names must be unique
// within a guide. Every block states its own imports; they are merged and hoisted to the top of
// the generated module (docs/test/.generated/<guide>.ts, gitignored), which is then loaded with
// `await import()` so vitest's TypeScript transform and its `recur` alias apply. Before each block
// the module records the block's number, so a failure names the guide, the block and its line in
// the Markdown file, with the last lines the code printed. Fences in other languages (text, sh,
// python, json, ...) are not run; js/javascript fences are refused, so that no JavaScript example
// escapes the test by accident.
//
// The same module is type-checked with the TypeScript compiler (sources of every package, no
// build needed), so an invented function or option fails here even when it would run.
//
// What the code prints is captured (the last lines appear in a failure message); set
// RECUR_DOCS_VERBOSE=1 to see all of it.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';
import { afterAll, describe, expect, it, vi } from 'vitest';

const docsDir = fileURLToPath(new URL('..', import.meta.url));
const rootDir = resolve(docsDir, '..');
const generatedDir = join(docsDir, 'test', '.generated');

/** Markdown files in docs/ that are not guides. */
const notGuides = new Set(['README.md', 'architecture.md', 'benchmarks.md']);
const guides = readdirSync(docsDir)
  .filter((file) => file.endsWith('.md') && !notGuides.has(file))
  .sort();

const runnable = new Set(['ts', 'typescript']);
const refused = new Set(['js', 'javascript', 'mjs', 'cjs', 'jsx', 'tsx']);

interface CodeBlock {
  /** 1-based, counting only runnable blocks. */
  index: number;
  /** Line of the opening fence in the Markdown file (1-based). */
  line: number;
  code: string;
}

interface Fence {
  language: string;
  line: number;
  body: string;
}

/** Every fenced block of a Markdown text, with its language and the line of its opening fence. */
function fencedBlocks(markdown: string): Fence[] {
  const lines = markdown.split('\n');
  const fences: Fence[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^( {0,3})(`{3,}|~{3,})\s*([^\s`]*)/.exec(lines[i]);
    if (!open) continue;
    const [, indent, marker, language] = open;
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const close = new RegExp(`^ {0,3}${marker[0]}{${marker.length},}\\s*$`).exec(lines[j]);
      if (close) break;
      body.push(lines[j].startsWith(indent) ? lines[j].slice(indent.length) : lines[j]);
    }
    fences.push({ language: language.toLowerCase(), line: i + 1, body: body.join('\n') });
    i = j;
  }
  return fences;
}

function codeBlocks(guide: string, markdown: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  for (const fence of fencedBlocks(markdown)) {
    if (refused.has(fence.language))
      throw new Error(
        `${guide} line ${fence.line}: a \`\`\`${fence.language} block is never run; fence it as ts (runnable) or text`,
      );
    if (runnable.has(fence.language))
      blocks.push({ index: blocks.length + 1, line: fence.line, code: fence.body });
  }
  return blocks;
}

// import ... from '...'; (possibly over several lines), or a bare import '...';
const importPattern =
  /^import\s+(?:(type)\s+)?([\s\S]*?)\s+from\s+(['"])([^'"]+)\3;?[ \t]*$|^import\s+(['"])([^'"]+)\5;?[ \t]*$/gm;

interface Imports {
  named: Map<string, Set<string>>;
  other: Set<string>;
}

/** Removes the import statements of a block, adding them to `imports`. */
function takeImports(code: string, imports: Imports): string {
  return code.replace(
    importPattern,
    (_all, typeOnly, clause, _q, from, _q2, bare: string | undefined) => {
      if (bare !== undefined) {
        imports.other.add(`import '${bare}';`);
        return '';
      }
      const text = String(clause).trim();
      const braces = /\{([\s\S]*)\}/.exec(text);
      const outside = braces
        ? text
            .replace(braces[0], '')
            .replace(/,\s*$|^\s*,/g, '')
            .trim()
        : text;
      if (outside) imports.other.add(`import ${typeOnly ? 'type ' : ''}${outside} from '${from}';`);
      if (braces) {
        const names = imports.named.get(from) ?? new Set<string>();
        for (const part of braces[1].split(',')) {
          const name = part.trim();
          if (name) names.add(typeOnly && !name.startsWith('type ') ? `type ${name}` : name);
        }
        imports.named.set(from, names);
      }
      return '';
    },
  );
}

interface Generated {
  file: string;
  blocks: CodeBlock[];
  /** Generated line (1-based) where each block's code starts. */
  starts: number[];
}

const marker = '__recurDocsBlock';

function generate(guide: string): Generated {
  const markdown = readFileSync(join(docsDir, guide), 'utf8');
  const blocks = codeBlocks(guide, markdown);
  const imports: Imports = { named: new Map(), other: new Set() };
  const bodies = blocks.map((block) => takeImports(block.code, imports));
  const header = [
    `// Generated by docs/test/guides.test.ts from docs/${guide}; do not edit.`,
    ...[...imports.named].map(
      ([from, names]) => `import { ${[...names].join(', ')} } from '${from}';`,
    ),
    ...imports.other,
    'const __docs = globalThis as unknown as Record<string, number>;',
  ];
  const lines = [...header];
  const starts: number[] = [];
  blocks.forEach((block, i) => {
    lines.push(
      '',
      `// ---- block ${block.index} (docs/${guide} line ${block.line}) ----`,
      `__docs.${marker} = ${block.index};`,
    );
    starts.push(lines.length + 1);
    lines.push(...bodies[i].split('\n'));
  });
  lines.push('', 'export {};', '');
  const file = join(generatedDir, `${guide.replace(/\.md$/, '')}.ts`);
  writeFileSync(file, lines.join('\n'));
  return { file, blocks, starts };
}

/** The block holding a generated line, from a stack trace or error location. */
function blockAtLine(generated: Generated, text: string): CodeBlock | undefined {
  const name = generated.file.split('/').pop()!.replace(/[.]/g, '\\.');
  const match = new RegExp(`${name}:(\\d+)`).exec(text);
  if (!match) return undefined;
  const line = Number(match[1]);
  let found: CodeBlock | undefined;
  generated.starts.forEach((start, i) => {
    if (line >= start) found = generated.blocks[i];
  });
  return found;
}

/** GitHub's heading anchors: lowercase, punctuation dropped, spaces to hyphens, repeats numbered. */
function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const result = new Set<string>();
  const withoutCode = markdown.replace(/^( {0,3})(`{3,}|~{3,})[\s\S]*?^ {0,3}\2[`~]*\s*$/gm, '');
  for (const match of withoutCode.matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const base = match[1]
      .replace(/`/g, '')
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    result.add(count === 0 ? base : `${base}-${count}`);
  }
  return result;
}

/** Relative link targets of a Markdown file (outside code), with their lines. */
function relativeLinks(markdown: string): { target: string; line: number }[] {
  const links: { target: string; line: number }[] = [];
  const fences = fencedBlocks(markdown);
  const inFence = new Set<number>();
  for (const fence of fences) {
    const length = fence.body === '' ? 0 : fence.body.split('\n').length;
    for (let k = 0; k <= length + 1; k++) inFence.add(fence.line + k);
  }
  markdown.split('\n').forEach((text, i) => {
    if (inFence.has(i + 1)) return;
    const prose = text.replace(/`[^`]*`/g, '');
    for (const match of prose.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
      const target = match[1];
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto:, ...
      links.push({ target, line: i + 1 });
    }
  });
  return links;
}

function checkLinks(file: string, options: { skip?: (target: string) => boolean } = {}): string[] {
  const problems: string[] = [];
  const markdown = readFileSync(join(docsDir, file), 'utf8');
  for (const { target, line } of relativeLinks(markdown)) {
    if (options.skip?.(target)) continue;
    const [path, fragment] = target.split('#', 2);
    const destination = path === '' ? join(docsDir, file) : resolve(docsDir, path);
    if (!destination.startsWith(rootDir)) {
      problems.push(`${file}:${line}: ${target} points outside the repository`);
      continue;
    }
    if (!existsSync(destination)) {
      problems.push(
        `${file}:${line}: ${target} does not exist (${relative(rootDir, destination)})`,
      );
      continue;
    }
    if (fragment && destination.endsWith('.md')) {
      const known = anchors(readFileSync(destination, 'utf8'));
      if (!known.has(fragment))
        problems.push(
          `${file}:${line}: no heading for #${fragment} in ${relative(rootDir, destination)}`,
        );
    }
  }
  return problems;
}

rmSync(generatedDir, { recursive: true, force: true });
mkdirSync(generatedDir, { recursive: true });
const generated = new Map(guides.map((guide) => [guide, generate(guide)]));

afterAll(() => {
  delete (globalThis as Record<string, unknown>)[marker];
});

describe('the guides', () => {
  it('exist, and docs/README.md lists every one of them', () => {
    expect(guides.length).toBeGreaterThan(0);
    const index = readFileSync(join(docsDir, 'README.md'), 'utf8');
    const missing = guides.filter((guide) => !index.includes(`](${guide})`));
    expect(missing, 'guides not linked from docs/README.md').toEqual([]);
  });

  it('have only relative links that point to existing files and headings', () => {
    const problems = [
      ...guides.flatMap((guide) => checkLinks(guide)),
      // The API reference is generated (npm run docs), so it is not in a fresh checkout.
      ...checkLinks('README.md', { skip: (target) => target.startsWith('api/') }),
    ];
    expect(problems).toEqual([]);
  });

  // Type checking does not depend on the backend: `npm test` runs it in the native pass, and in the
  // TypeScript pass only when there is no native pass (no addon built).
  const checkedInNativePass =
    process.env.RECUR_BACKEND === 'js' &&
    existsSync(join(rootDir, 'native', 'build', 'Release', 'recur_native.node'));
  it.skipIf(checkedInNativePass)(
    'type-check (every API name and option the code uses exists)',
    () => {
      const files = [...generated.values()].map((g) => g.file);
      const paths: Record<string, string[]> = {
        recurjs: ['./packages/recur/src/index.ts'],
        '@recur/native': ['./native/src/index.ts'],
      };
      for (const name of ['tensor', 'layers', 'losses', 'optim', 'data', 'datasets', 'models'])
        paths[`@recur/${name}`] = [`./packages/${name}/src/index.ts`];
      const program = ts.createProgram(files, {
        target: ts.ScriptTarget.ES2022,
        lib: ['lib.es2023.d.ts'],
        module: ts.ModuleKind.NodeNext,
        moduleResolution: ts.ModuleResolutionKind.NodeNext,
        types: ['node'],
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        baseUrl: rootDir,
        paths,
      });
      // Only the generated files are checked (the packages have their own type check).
      const problems = [...generated.entries()].flatMap(([guide, target]) => {
        const source = program.getSourceFile(target.file)!;
        return [
          ...program.getSyntacticDiagnostics(source),
          ...program.getSemanticDiagnostics(source),
        ].map((d) => {
          const { line } = source.getLineAndCharacterOfPosition(d.start ?? 0);
          const block = blockAtLine(target, `${target.file.split('/').pop()}:${line + 1}`);
          const where = block ? `block ${block.index} (line ${block.line})` : 'imports';
          return `docs/${guide} ${where}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
        });
      });
      expect(problems).toEqual([]);
    },
    60_000,
  );

  for (const guide of guides) {
    it(`docs/${guide}: every code block runs`, async () => {
      const target = generated.get(guide)!;
      if (target.blocks.length === 0) return;
      const printed: string[] = [];
      const show = process.env.RECUR_DOCS_VERBOSE === '1';
      const original = console.log;
      const capture = (...args: unknown[]) => {
        printed.push(args.map((a) => (typeof a === 'string' ? a : String(a))).join(' '));
        if (show) original(...args);
      };
      const log = vi.spyOn(console, 'log').mockImplementation(capture);
      const info = vi.spyOn(console, 'info').mockImplementation(capture);
      const state = globalThis as Record<string, unknown>;
      state[marker] = 0;
      try {
        await import(pathToFileURL(target.file).href);
      } catch (error) {
        const message =
          error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error);
        const current = Number(state[marker]);
        const block = current > 0 ? target.blocks[current - 1] : blockAtLine(target, message);
        // No block started: the module did not compile or load (a parse error, a name declared
        // twice in one guide, a missing export); the location in the message is the best guess.
        const where =
          current > 0
            ? `block ${block!.index} of ${target.blocks.length} (docs/${guide} line ${block!.line}) failed`
            : `the code did not compile or load${block ? ` (at or near block ${block.index}, docs/${guide} line ${block.line})` : ''}; generated module ${relative(rootDir, target.file)}`;
        const output = printed.slice(-15).join('\n');
        throw new Error(
          `docs/${guide}: ${where}: ${error instanceof Error ? error.message : String(error)}${output ? `\nlast output:\n${output}` : ''}`,
          { cause: error },
        );
      } finally {
        log.mockRestore();
        info.mockRestore();
      }
      expect(Number(state[marker])).toBe(target.blocks.length);
    }, 60_000);
  }
});
