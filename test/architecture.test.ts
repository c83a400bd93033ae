import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The layer rules of ARCHITECTURE.md, checked on every import of every source file:
 * shared/ imports nothing of ours; renderer/ never reaches Node, Electron, main/ or server/; main/ and preload/ talk
 * to other parts only through shared/; server/ never imports the desktop parts.
 */
const ROOT = resolve(import.meta.dirname, '..');
const PARTS = ['shared', 'main', 'preload', 'renderer', 'server'] as const;
type Part = (typeof PARTS)[number];

const MAY_IMPORT: Record<Part, readonly Part[]> = {
  shared: ['shared'],
  main: ['main', 'shared'],
  preload: ['preload', 'shared'],
  renderer: ['renderer', 'shared'],
  server: ['server', 'shared'],
};

const NODE_MODULES = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
const isNodeBuiltin = (spec: string) => spec.startsWith('node:') || NODE_MODULES.has(spec.split('/')[0] ?? '');
const isElectron = (spec: string) => spec === 'electron' || spec.startsWith('electron/');

/** Packages a part may not use even though they are installed. */
const FORBIDDEN_PACKAGES: Record<Part, (spec: string) => string | null> = {
  shared: (s) =>
    isNodeBuiltin(s) || isElectron(s) || s.startsWith('react')
      ? `${s}: shared/ must stay pure (no Node, Electron or DOM libraries)`
      : null,
  renderer: (s) =>
    isNodeBuiltin(s) || isElectron(s) ? `${s}: the renderer is a sandboxed page (no Node or Electron)` : null,
  preload: () => null,
  main: () => null,
  server: (s) => (isElectron(s) ? `${s}: the server is not part of the desktop app` : null),
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
    return /\.(ts|tsx|mts|cts)$/.test(entry.name) ? [path] : [];
  });
}

const IMPORT_RE =
  /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s+['"]([^'"]+)['"]/gm;

function importsOf(source: string): string[] {
  return [...source.matchAll(IMPORT_RE)].map((m) => m[1] ?? m[2] ?? m[3] ?? '').filter(Boolean);
}

function partOf(file: string): Part | null {
  const top = relative(ROOT, file).split(/[\\/]/)[0];
  return (PARTS as readonly string[]).includes(top ?? '') ? (top as Part) : null;
}

function violationsIn(file: string, source: string): string[] {
  const from = partOf(file);
  if (!from) return [];
  return importsOf(source).flatMap((spec) => {
    if (spec.startsWith('.')) {
      const target = partOf(resolve(dirname(file), spec));
      if (target === null) return [`${spec}: outside the parts of the app`];
      return MAY_IMPORT[from].includes(target) ? [] : [`${spec}: ${from}/ may not import ${target}/`];
    }
    const problem = FORBIDDEN_PACKAGES[from](spec);
    return problem ? [problem] : [];
  });
}

describe('layer rules', () => {
  it('every source file imports only what its layer allows', () => {
    const violations = PARTS.flatMap((part) =>
      sourceFiles(join(ROOT, part))
        .filter((file) => !/\.test\.tsx?$/.test(file))
        .flatMap((file) => violationsIn(file, readFileSync(file, 'utf8')).map((v) => `${relative(ROOT, file)}: ${v}`)),
    );
    expect(violations).toEqual([]);
  });

  it('catches the violations it exists for', () => {
    const at = (path: string) => join(ROOT, path);
    expect(violationsIn(at('shared/x.ts'), "import { db } from '../server/db';")).toHaveLength(1);
    expect(violationsIn(at('shared/x.ts'), "import fs from 'node:fs';")).toHaveLength(1);
    expect(violationsIn(at('renderer/src/x.ts'), "import { ipcRenderer } from 'electron';")).toHaveLength(1);
    expect(violationsIn(at('renderer/src/x.ts'), "const m = await import('../../main/index');")).toHaveLength(1);
    expect(violationsIn(at('renderer/src/x.ts'), "export { y } from '../../server/app';")).toHaveLength(1);
    expect(violationsIn(at('main/x.ts'), "import { App } from '../renderer/src/app';")).toHaveLength(1);
    expect(violationsIn(at('renderer/src/x.ts'), "import { KEYMAP } from '../../shared/keymap';")).toEqual([]);
    expect(violationsIn(at('server/x.ts'), "import { createServer } from 'node:http';")).toEqual([]);
  });
});

/**
 * The store names its queries (renderer/src/store/*-queries.ts): components and helpers never spell Mango selectors
 * or index keys. The view query builder is the store's other query module, kept beside the view state it reads;
 * rx/hooks.ts is the generic binding of queries to React.
 */
const QUERY_MODULES = ['renderer/src/store/', 'renderer/src/queue/view-query.ts', 'renderer/src/rx/hooks.ts'];
const MANGO = /\bselector\s*:|\$(?:in|nin|lt|lte|gt|gte|eq|ne|or|and|regex|exists)\b/;

const isComment = (line: string) => /^\s*(\*|\/\/|\/\*)/.test(line);
const spellsSelectors = (source: string) => source.split('\n').filter((line) => !isComment(line) && MANGO.test(line));

describe('queries have names', () => {
  it('no renderer file outside the store spells a Mango selector', () => {
    const found = sourceFiles(join(ROOT, 'renderer/src'))
      .filter((file) => !/\.test\.tsx?$/.test(file) && !relative(ROOT, file).includes('/testing/'))
      .filter((file) => !QUERY_MODULES.some((allowed) => relative(ROOT, file).startsWith(allowed)))
      .flatMap((file) =>
        spellsSelectors(readFileSync(file, 'utf8')).map((line) => `${relative(ROOT, file)}: ${line.trim()}`),
      );
    expect(found).toEqual([]);
  });

  it('catches the selectors it exists for', () => {
    expect(spellsSelectors('useRxQuery(db.tickets, { selector: { id: { $in: ids } } });')).toHaveLength(1);
    expect(spellsSelectors('const recent = { id: { $in: ids } };')).toHaveLength(1);
    expect(spellsSelectors('useRxQuery(db.tickets, ticketsWithIds(ids));')).toEqual([]);
  });
});
