import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

/** Lints `code` as if it were the file at `path` (relative to the repository), with the project's eslint config. */
function lint(path: string, code: string): { status: number | null; output: string } {
  const eslint = join(root, 'node_modules', '.bin', 'eslint');
  const r = spawnSync(eslint, ['--stdin', '--stdin-filename', path, '--rule', '@typescript-eslint/no-unused-vars: off'], { cwd: root, input: code, encoding: 'utf8' });
  return { status: r.status, output: r.stdout + r.stderr };
}

describe('layering: src/kernel imports nothing from the layers above it', () => {
  it.each([
    ['src/kernel/auth/fixture.ts', "import { renderError } from '../../api/rest/error-body';"],
    ['src/kernel/fixture.ts', "import { buildRegistry } from '../doctypes';"],
    ['src/kernel/document/fixture.ts', "import { x } from '../../domain/stock/engine';"],
    ['src/kernel/db/fixture.ts', "import { JobQueue } from '../../jobs/job-queue';"],
  ])('refuses %s importing upwards', (path, code) => {
    const r = lint(path, `${code}\nexport const used = [${code.match(/\{ (\w+) \}/)![1]}];\n`);
    expect(r.output).toContain('no-restricted-imports');
    expect(r.status).toBe(1);
  });

  it('allows the same import outside the kernel, and kernel-internal imports', () => {
    expect(lint('src/api/fixture.ts', "import { renderError } from './rest/error-body';\nexport const used = [renderError];\n").status).toBe(0);
    expect(lint('src/kernel/auth/fixture.ts', "import { Ctx } from '../db/context';\nexport const used = [Ctx];\n").status).toBe(0);
  });
});
