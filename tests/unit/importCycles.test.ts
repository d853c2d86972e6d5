// No circle among src-main's imports, type-only ones included: the layers go one way (shells → contract → features
// → facts → db/domain), and in a circle the order modules happen to load in decides whether a value exists yet.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC_MAIN = path.resolve(__dirname, '../../src-main');

type ImportGraph = ReadonlyMap<string, readonly string[]>;

/** Every module a source names: imports (`import type` too), `export … from`, and `import()`. */
const specifiersIn = (source: string): string[] =>
  ts.preProcessFile(source, true, true).importedFiles.map((imported) => imported.fileName);

const isFile = (file: string) => fs.statSync(file, { throwIfNoEntry: false })?.isFile() ?? false;

/** Each .ts/.tsx file under `root`, with the files under `root` it imports (relative imports only). */
function importGraph(root: string): ImportGraph {
  const files = fs
    .readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.tsx?$/.test(file))
    .map((file) => path.join(root, file));
  const inRoot = new Set(files);
  const resolve = (from: string, specifier: string): string => {
    const target = path.resolve(path.dirname(from), specifier);
    const candidates = [target, `${target}.ts`, `${target}.tsx`, path.join(target, 'index.ts'), path.join(target, 'index.tsx')];
    const found = candidates.find(isFile);
    // An import the walk cannot follow would hide any circle through it.
    if (!found) throw new Error(`${path.relative(root, from)} imports '${specifier}', which resolves to no file`);
    return found;
  };
  return new Map(
    files.map((file) => [
      file,
      specifiersIn(fs.readFileSync(file, 'utf8'))
        .filter((specifier) => specifier.startsWith('.'))
        .map((specifier) => resolve(file, specifier))
        .filter((imported) => inRoot.has(imported)),
    ]),
  );
}

/** The circles a depth-first walk closes, each as its chain of files from where it starts back to there. */
function findCycles(graph: ImportGraph): string[][] {
  const cycles: string[][] = [];
  const finished = new Set<string>();
  const trail: string[] = [];
  const visit = (file: string): void => {
    trail.push(file);
    for (const imported of graph.get(file) ?? []) {
      const start = trail.indexOf(imported);
      if (start >= 0) cycles.push([...trail.slice(start), imported]);
      else if (!finished.has(imported)) visit(imported);
    }
    trail.pop();
    finished.add(file);
  };
  for (const file of [...graph.keys()].sort()) if (!finished.has(file)) visit(file);
  return cycles;
}

describe('import circles', () => {
  it('reads every kind of import a file can make', () => {
    const source = [
      "import a from './a';",
      "import type { B } from '../b';",
      "import { type C, c } from './c';",
      "export { d } from './d';",
      "export * from '.';",
      "export type { F } from './f';",
      "import './g';",
      "void import('./h');",
      '// not an import: from "./i"',
    ].join('\n');
    expect(specifiersIn(source).sort()).toEqual(['.', '../b', './a', './c', './d', './f', './g', './h']);
  });

  it('names the chain of a circle, and only that', () => {
    const graph = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
      ['d', ['a', 'e']],
      ['e', []],
    ]);
    expect(findCycles(graph)).toEqual([['a', 'b', 'c', 'a']]);
    expect(findCycles(new Map([['a', ['b']], ['b', []]]))).toEqual([]);
  });

  it('finds none in src-main', () => {
    const graph = importGraph(SRC_MAIN);
    // The walk follows type-only imports: the contract's own `import type … from './names'` is an edge.
    expect(graph.get(path.join(SRC_MAIN, 'core/contract/index.ts'))).toContain(path.join(SRC_MAIN, 'core/contract/names.ts'));
    const chains = findCycles(graph).map((chain) => chain.map((file) => path.relative(SRC_MAIN, file)).join(' → '));
    expect(chains).toEqual([]);
  });
});
