import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openApiYaml } from '../../src/api/openapi/generate';
import { allMethods } from '../../src/api/rest/methods';
import { buildRegistry } from '../../src/doctypes';

const ROOT = join(__dirname, '..', '..');
const SPEC_FILE = join(ROOT, 'openapi.yaml');
const LINT_TIMEOUT_MS = 180_000;

describe('openapi.yaml', () => {
  it('matches the OpenAPI document derived from the doctype and method registries', () => {
    const expected = openApiYaml(buildRegistry(), allMethods());
    const committed = existsSync(SPEC_FILE) ? readFileSync(SPEC_FILE, 'utf8') : null;
    if (committed !== expected) {
      const why = committed === null ? 'openapi.yaml is missing' : 'openapi.yaml is out of date with the doctype or method definitions';
      throw new Error(`${why}: run \`npm run generate\` and commit the result`);
    }
  });

  it(
    'passes `redocly lint` with the repository ruleset (redocly.yaml)',
    () => {
      const run = spawnSync('npx', ['--no-install', 'redocly', 'lint', 'openapi.yaml', '--format', 'stylish'], {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: LINT_TIMEOUT_MS,
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' },
      });
      if (run.error) throw run.error;
      if (run.status !== 0) throw new Error(`redocly lint exited ${run.status}:\n${run.stdout}\n${run.stderr}`);
      expect(run.status).toBe(0);
    },
    LINT_TIMEOUT_MS + 10_000,
  );
});
