/**
 * The renderer runs in a sandboxed page (and as a plain web page): its bundle must never reach for Node or Electron.
 * Builds the browser renderer (vite.web.config.ts, plus the platform layer as an extra entry so it is checked even
 * before the UI imports it) into a temporary folder, and checks twice: every import the build resolves (Vite quietly
 * swaps `node:fs` and friends for empty stubs in browser builds, leaving no trace in the output), and every emitted
 * script (for references that reached the output).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { build, type Plugin } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const FORBIDDEN_MODULES = new Set(['electron', ...builtinModules]);

const isForbidden = (specifier: string): boolean =>
  specifier.startsWith('node:') ||
  specifier.startsWith('electron/') ||
  FORBIDDEN_MODULES.has(specifier) ||
  FORBIDDEN_MODULES.has(specifier.split('/')[0] ?? '');

const MODULE_REFERENCES = [
  /\brequire\s*\(\s*(["'`])([^"'`]+)\1\s*\)/g,
  /\bfrom\s*(["'`])([^"'`]+)\1/g,
  /\bimport\s*\(\s*(["'`])([^"'`]+)\1\s*\)/g,
  /\bimport\s*(["'`])([^"'`]+)\1/g,
];
/** Code that only makes sense inside Electron or Node. */
const ELECTRON_MARKERS = [
  /process\.versions\.electron/,
  /\bipcRenderer\b/,
  /\bcontextBridge\b/,
  /\bprocess\.binding\s*\(/,
];

/** Every Node/Electron module reference and marker in a script, as readable findings. */
function findNodeReferences(code: string): string[] {
  const found: string[] = [];
  for (const pattern of MODULE_REFERENCES) {
    for (const match of code.matchAll(pattern)) if (isForbidden(match[2] ?? '')) found.push(match[0]);
  }
  for (const marker of ELECTRON_MARKERS) {
    const match = marker.exec(code);
    if (match) found.push(match[0]);
  }
  return found;
}

let outDir: string;
let scripts: { file: string; code: string }[];
const resolvedForbidden: string[] = [];

/** Records every Node/Electron module anything in the renderer's graph asks for. */
const recordForbiddenImports: Plugin = {
  name: 'record-node-and-electron-imports',
  enforce: 'pre',
  resolveId(source, importer) {
    if (isForbidden(source))
      resolvedForbidden.push(`${importer ? relative(ROOT, importer) : '(entry)'} imports ${source}`);
    return null;
  },
};

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'renderer-bundle-'));
  await build({
    configFile: join(ROOT, 'vite.web.config.ts'),
    logLevel: 'error',
    plugins: [recordForbiddenImports],
    build: {
      outDir,
      emptyOutDir: true,
      rollupOptions: {
        // Keep the platform entry's exports, or the app build would tree-shake it away.
        preserveEntrySignatures: 'exports-only',
        input: {
          index: join(ROOT, 'renderer/index.html'),
          platform: join(ROOT, 'renderer/src/platform/index.ts'),
        },
      },
    },
  });
  const files = readdirSync(outDir, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(m?js|cjs)$/.test(f));
  scripts = files.map((file) => ({ file, code: readFileSync(join(outDir, file), 'utf8') }));
}, 120_000);

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('renderer bundle', () => {
  it('is built, including the platform layer', () => {
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.some(({ code }) => code.includes('workstation.slaNotified'))).toBe(true);
  });

  it('never imports Node or Electron modules, directly or through a dependency', () => {
    expect(resolvedForbidden).toEqual([]);
  });

  it('never references Node or Electron in the emitted scripts', () => {
    const findings = scripts.flatMap(({ file, code }) => findNodeReferences(code).map((f) => `${file}: ${f}`));
    expect(findings).toEqual([]);
  });

  it('catches what it exists to catch, and not object keys that look like it', () => {
    expect(findNodeReferences('const {ipcRenderer:i}=require("electron");')).toEqual([
      'require("electron")',
      'ipcRenderer',
    ]);
    expect(findNodeReferences('import{readFile as r}from"node:fs/promises";')).toEqual(['from"node:fs/promises"']);
    expect(findNodeReferences('import*as cp from "child_process"')).toEqual(['from "child_process"']);
    expect(findNodeReferences('const m=await import(`fs`)')).toEqual(['import(`fs`)']);
    expect(findNodeReferences('if(process.versions.electron)x()')).toEqual(['process.versions.electron']);
    expect(findNodeReferences('return{node:n,offset:t};import"./chunk.js";from"./a.js"')).toEqual([]);
  });
});
