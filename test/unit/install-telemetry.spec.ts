import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * swagger-ui-dist depends on @scarf/scarf, whose install script reports installs unless the
 * root package opts out. The opt-out must stay in package.json.
 */
describe('install-time telemetry', () => {
  it('is switched off for Scarf in the root package.json', () => {
    const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8'));
    expect(pkg.scarfSettings).toEqual({ enabled: false });
  });
});
