const fs = require('node:fs');
const path = require('node:path');

// One compiler configuration for the build, the CLI scripts and the tests: the repository's .swcrc
// (legacy decorators + decorator metadata, which NestJS constructor injection needs).
const swcrc = JSON.parse(fs.readFileSync(path.join(__dirname, '.swcrc'), 'utf8'));
delete swcrc.$schema;

// NestJS 12 and Apollo Server 5 ship ES modules only; Jest (on Node 20) loads CommonJS, so
// those packages are compiled to CommonJS by swc like our own sources.
const ESM_PACKAGES = ['@nestjs', '@apollo/server', '@as-integrations', 'uid', 'file-type', 'strtok3', 'token-types', 'peek-readable', '@tokenizer', 'uint8array-extras'];

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.spec.ts'],
  transform: { '^.+\\.(t|m?j)s$': ['@swc/jest', { ...swcrc, swcrc: false }] },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_PACKAGES.join('|')})/)`],
  testTimeout: 60000,
  // Each test file boots the app on a database of its own, so files may run in parallel; two
  // workers match the 2-core machines (`npm test -- --runInBand` runs them one at a time).
  maxWorkers: 2,
};
