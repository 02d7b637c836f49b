import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../config/config';
import { SYSTEM } from '../kernel/db/context';
import { Database } from '../kernel/db/database';
import { migrate, MigrationReport } from '../kernel/db/migrate';
import { DocumentService } from '../kernel/document/document.service';
import { seedDemoData } from './demo';
import { installStandardRecords } from './install-records';
import { installKernelRecords, KernelInstall } from './kernel-records';

/** Schema sync, permission rows, standard records, demo data: what `docket migrate` and start do. */
@Injectable()
export class SetupService {
  private readonly log = new Logger('Setup');

  constructor(
    private readonly db: Database,
    private readonly docs: DocumentService,
    private readonly config: AppConfig,
  ) {}

  async migrate(): Promise<MigrationReport & KernelInstall> {
    await this.db.connect();
    const report = await migrate(this.db);
    for (const d of report.drift) this.log.warn(`schema drift: ${d}`);
    const installed = await this.db.runAsSystem(SYSTEM, async (ctx) => {
      await this.docs.syncDocPerms(ctx);
      const k = await installKernelRecords(ctx, this.docs, this.config.adminPassword);
      await installStandardRecords(ctx, this.docs);
      return k;
    });
    if (installed.generatedAdminPassword) {
      // Printed once, on the first start of a new database.
      process.stdout.write(`\n  Administrator password (generated, shown once): ${installed.generatedAdminPassword}\n\n`);
    }
    return { ...report, ...installed };
  }

  /** Demo data, only into a database that has no demo company yet. */
  async seedDemo(): Promise<boolean> {
    return this.db.runAsSystem(SYSTEM, (ctx) => seedDemoData(ctx, this.docs));
  }
}
