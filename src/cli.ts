#!/usr/bin/env node
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Command } from 'commander';
import { AppModule } from './app.module';
import { ConfigError, loadConfig } from './config/config';
import { SYSTEM } from './kernel/db/context';
import { Database } from './kernel/db/database';
import { migrate } from './kernel/db/migrate';
import { DocumentService } from './kernel/document/document.service';
import { SetupService } from './setup/setup.service';
import { importItems, importRows, rowTransactions } from './domain/catalog/import';
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';

/** Boots the application context (no HTTP server) for one command, then closes it. */
async function withApp<T>(fn: (get: <S>(cls: new (...args: never[]) => S) => S) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const app = await NestFactory.createApplicationContext(AppModule.register(config), { logger: ['error', 'warn'] });
  try {
    return await fn((cls) => app.get(cls));
  } finally {
    await app.close();
  }
}

const program = new Command('docket').description('Docket: ERP-grade headless commerce API');

program
  .command('migrate')
  .description('Create or extend tables from the doctype definitions (additive), sync permissions, install standard records')
  .option('--dry-run', 'only report what would change')
  .action(async (opts: { dryRun?: boolean }) => {
    await withApp(async (get) => {
      if (opts.dryRun) {
        await get(Database).connect();
        // a script a DBA can read or run: the pending statements, the drift as comments
        const report = await migrate(get(Database), { dryRun: true });
        for (const sql of report.statements) console.log(`${sql};`);
        if (!report.statements.length) console.log('-- nothing pending');
        for (const d of report.drift) console.log(`-- drift (not changed): ${d}`);
        return;
      }
      const report = await get(SetupService).migrate();
      console.log(`tables created: ${report.createdTables.length}, columns added: ${report.addedColumns.length}, indexes added: ${report.addedIndexes.length}`);
      for (const d of report.drift) console.log(`drift (not changed): ${d}`);
    });
  });

program
  .command('seed-demo')
  .description('Add the demo company, masters and users (skipped when present)')
  .action(async () => {
    await withApp(async (get) => {
      await get(SetupService).migrate();
      console.log((await get(SetupService).seedDemo()) ? 'demo data added' : 'demo data already present');
    });
  });

program
  .command('create-user')
  .description('Create a user with roles')
  .requiredOption('--email <email>')
  .requiredOption('--first-name <name>')
  .option('--last-name <name>')
  .option('--password <password>', 'at least 8 characters')
  .option('--role <role...>', 'role(s) to give', [])
  .action(async (opts: { email: string; firstName: string; lastName?: string; password?: string; role: string[] }) => {
    await withApp(async (get) => {
      await get(SetupService).migrate();
      const doc = await get(Database).runAsSystem(SYSTEM, (ctx) =>
        get(DocumentService).insert(ctx, 'User', {
          email: opts.email,
          first_name: opts.firstName,
          last_name: opts.lastName,
          new_password: opts.password,
          roles: opts.role.map((role) => ({ role })),
        }),
      );
      console.log(`created user ${doc.name} (${doc.user_type})`);
    });
  });

const importCommand = program.command('import').description('Load data from files');

importCommand
  .command('items <file>')
  .description('Load items, templates and variants (with their attributes), item prices and Website Items from a .csv or .json file; idempotent on item_code')
  .option('--format <format>', 'csv or json (default: from the file name)')
  .action(async (file: string, opts: { format?: string }) => {
    const format = (opts.format ?? (extname(file).toLowerCase() === '.json' ? 'json' : 'csv')) as 'csv' | 'json';
    if (format !== 'csv' && format !== 'json') throw new Error('--format must be csv or json');
    const rows = importRows(readFileSync(file, 'utf8'), format);
    await withApp(async (get) => {
      await get(SetupService).migrate();
      const summary = await importItems(get(DocumentService), rowTransactions(get(Database), SYSTEM), rows, progressBar);
      console.log(`rows: ${summary.rows}, created: ${summary.created}, updated: ${summary.updated}, refused: ${summary.refused.length}`);
      for (const r of summary.refused) console.log(`refused row ${r.row}${r.item_code ? ` (${r.item_code})` : ''}: ${r.reason}`);
      process.exitCode = summary.refused.length ? 1 : 0;
    });
  });

/** A one-line progress bar on stderr (a line per report when stderr is not a terminal). */
function progressBar(done: number, total: number): void {
  const width = 30;
  const filled = Math.round((done / total) * width);
  const line = `importing [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`;
  if (process.stderr.isTTY) process.stderr.write(`\r${line}${done === total ? '\n' : ''}`);
  else process.stderr.write(`${line}\n`);
}

program
  .command('doctor')
  .description('Check configuration, database, schema drift and Redis')
  .action(async () => {
    const problems: string[] = [];
    await withApp(async (get) => {
      const db = get(Database);
      await db.connect();
      await db.ping();
      console.log(`database: ok (${db.engine})`);
      const report = await migrate(db, { dryRun: true });
      const pending = report.statements.length;
      console.log(`schema: ${pending ? `${pending} change(s) pending: run docket migrate` : 'up to date'}`);
      for (const d of report.drift) problems.push(`schema drift: ${d}`);
      if (pending) problems.push('migrations pending');
    });
    const { redisUrl } = loadConfig();
    if (redisUrl) {
      const { default: Redis } = await import('ioredis');
      const r = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
      try {
        await r.connect();
        console.log(`redis: ${await r.ping()}`);
      } catch (err) {
        problems.push(`redis: ${(err as Error).message}`);
      } finally {
        r.disconnect();
      }
    } else console.log('redis: not configured (in-process cache, rate limits and jobs)');
    for (const p of problems) console.log(`problem: ${p}`);
    process.exitCode = problems.length ? 1 : 0;
  });

program.parseAsync().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? err.message : err instanceof Error ? err.message : err);
  process.exit(err instanceof ConfigError ? 2 : 1);
});
