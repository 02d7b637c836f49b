'use strict';
// `npm run bench`: builds dist/ from the current sources, then runs the load scripts in turn.
// Results are printed; they are recorded by hand in bench/RESULTS.md.

const { spawnSync } = require('node:child_process');
const { ROOT } = require('./lib');

const SCRIPTS = [
  ['api-read', () => require('./api-read').main()],
  ['stock-issue', () => require('./stock-issue').main()],
  ['stock-repost', () => require('./stock-repost').main()],
  ['sales-invoice', () => require('./sales-invoice').main()],
  ['gl-reports', () => require('./gl-reports').main()],
  ['storefront', () => require('./storefront').main()],
];

async function run() {
  console.log('> npm run build');
  const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit', timeout: 300_000 });
  if (build.status !== 0) throw new Error('npm run build failed');
  for (const [name, script] of SCRIPTS) {
    console.log(`\n=== ${name}`);
    await script();
  }
}

run().catch((err) => {
  console.error(err.stack ?? err);
  process.exit(1);
});
