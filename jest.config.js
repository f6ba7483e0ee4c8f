import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(fileURLToPath(import.meta.url));

// A declaration or re-export that leaves code in the transpiled module (type-only files leave none,
// get no coverage data, and a folder of them, such as shared/ports/, must get no threshold key).
const RUNTIME_CODE =
  /^\s*(?:export\s+(?:default\b|\*|\{[^}]*\}\s*from\b)|(?:export\s+)?(?:declare\s+)?(?:async\s+)?(?:function\b|class\b|abstract\s+class\b|const\b|let\b|var\b|enum\b))/m;

/** Every folder of shared/ that holds code, as 'shared/engine', 'shared/targets/local', ... */
function codeFolders(dir = 'shared') {
  const entries = readdirSync(path.join(root, dir), { withFileTypes: true });
  const hasCode = entries.some((e) => e.isFile() && e.name.endsWith('.ts') && RUNTIME_CODE.test(readFileSync(path.join(root, dir, e.name), 'utf8')));
  return [...(hasCode ? [dir] : []), ...entries.filter((e) => e.isDirectory()).flatMap((e) => codeFolders(`${dir}/${e.name}`))];
}

/** Least share of lines each folder of shared/ must have covered (a folder counts its subfolders). */
export const MIN_LINES_PER_FOLDER = 80;

/**
 * jest in ESM mode (see ../shared/CONVENTIONS.md): ts-jest only transpiles; `tsc --noEmit` typechecks.
 * Coverage is collected by `npm test` (`jest --coverage`), not by every jest run, so a developer running
 * one test file is not failed by the thresholds. Code that runs only inside bundles (child
 * processes) is not counted.
 */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, diagnostics: false, tsconfig: 'tsconfig.all.json' }]
  },
  testMatch: ['<rootDir>/__tests__/**/*.test.ts'],
  testTimeout: 60000,
  maxWorkers: 2,
  collectCoverageFrom: ['shared/**/*.ts'],
  coverageDirectory: '<rootDir>/coverage',
  // json-summary feeds the per-folder table that scripts/coverage-by-folder.mjs prints after the run.
  coverageReporters: ['json-summary'],
  // A directory key aggregates the files under it (jest: "path" threshold groups); absolute, so the
  // keys do not depend on the directory jest is started from.
  coverageThreshold: Object.fromEntries(codeFolders().map((dir) => [path.join(root, dir) + path.sep, { lines: MIN_LINES_PER_FOLDER }])),
  globalTeardown: '<rootDir>/scripts/coverage-by-folder.mjs'
};
