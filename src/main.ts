import 'reflect-metadata';
import cluster from 'node:cluster';
import { createApp, setupDatabase } from './bootstrap';
import { AppConfig, ConfigError, loadConfig } from './config/config';

const RESTART_DELAY_MS = 1000;

function configOrExit(): AppConfig {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
}

async function serve(config: AppConfig, setup: boolean): Promise<void> {
  const app = await createApp(config, { setup });
  await app.listen(config.port, '0.0.0.0');
  if (setup || cluster.worker?.id === 1) {
    const where = `${config.engine}${config.redisUrl ? ' + redis' : ''}, ${config.webConcurrency} process(es)`;
    process.stdout.write(`Docket listening on http://127.0.0.1:${config.port} (${where}); docs at /api/docs\n`);
  }
}

/**
 * One process on SQLite; on MariaDB one HTTP worker per core (WEB_CONCURRENCY) sharing the
 * port through node:cluster, after the primary has migrated the database once.
 */
async function main(): Promise<void> {
  const config = configOrExit();
  if (config.webConcurrency <= 1) return serve(config, true);
  if (cluster.isWorker) return serve(config, false);
  await setupDatabase(config);
  let stopping = false;
  for (let i = 0; i < config.webConcurrency; i++) cluster.fork();
  cluster.on('exit', (worker, code) => {
    if (stopping) return;
    process.stderr.write(`worker ${worker.process.pid} exited (${code}); starting another\n`);
    setTimeout(() => cluster.fork(), RESTART_DELAY_MS);
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      stopping = true;
      for (const w of Object.values(cluster.workers ?? {})) w?.kill(signal);
      process.exit(0);
    });
  }
}

void main();
