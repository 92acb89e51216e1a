import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// The public API rule: every export of src/index.ts has TSDoc, and every exported value (function, class,
// constant) shows an @example. Checked on the compiler's view of the exports, so re-exports are followed.
const entry = fileURLToPath(new URL('../../src/index.ts', import.meta.url));
const configPath = fileURLToPath(new URL('../../tsconfig.json', import.meta.url));

function publicExports(): { name: string; doc: string; hasExample: boolean; isValue: boolean }[] {
  const config = ts.parseJsonConfigFileContent(
    ts.readConfigFile(configPath, ts.sys.readFile).config,
    ts.sys,
    fileURLToPath(new URL('../..', import.meta.url)),
  );
  const program = ts.createProgram([entry], config.options);
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(entry);
  if (source === undefined) throw new Error('src/index.ts not found');
  const moduleSymbol = checker.getSymbolAtLocation(source);
  if (moduleSymbol === undefined) throw new Error('src/index.ts is not a module');
  return checker.getExportsOfModule(moduleSymbol).map((exported) => {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    const doc = ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim();
    const tags = symbol.getJsDocTags(checker);
    const isValue =
      (symbol.flags & (ts.SymbolFlags.Function | ts.SymbolFlags.Class | ts.SymbolFlags.Variable)) !== 0;
    return { name: exported.name, doc, hasExample: tags.some((t) => t.name === 'example'), isValue };
  });
}

describe('public API documentation', () => {
  const exports = publicExports();

  it('exports the pipeline stages', () => {
    const names = new Set(exports.map((e) => e.name));
    for (const n of [
      'ingestVisits',
      'aggregateVisits',
      'erlangC',
      'staffingRequirements',
      'simulate',
      'renderSvg',
    ]) {
      expect(names.has(n), n).toBe(true);
    }
  });

  it('documents every export', () => {
    expect(exports.filter((e) => e.doc === '').map((e) => e.name)).toEqual([]);
  });

  it('gives every exported function, class and constant an @example', () => {
    expect(exports.filter((e) => e.isValue && !e.hasExample).map((e) => e.name)).toEqual([]);
  });
});
