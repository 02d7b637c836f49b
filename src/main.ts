import 'reflect-metadata';
import { createApp } from './bootstrap';
import { ConfigError, loadConfig } from './config/config';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  const app = await createApp(config);
  await app.listen(config.port);
  process.stdout.write(`Docket listening on http://127.0.0.1:${config.port} (${config.engine}${config.redisUrl ? ' + redis' : ''}); docs at /api/docs\n`);
}

void main();
