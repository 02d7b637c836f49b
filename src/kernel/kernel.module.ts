import { DynamicModule, Global, Module } from '@nestjs/common';
import { AppConfig } from '../config/config';
import { buildControllers, buildRegistry } from '../doctypes';
import { AuthService } from './auth/auth.service';
import { Database } from './db/database';
import { IdempotencyService } from './db/idempotency';
import { ControllerRegistry } from './document/controllers';
import { DocumentService } from './document/document.service';
import { NamingService } from './document/naming';
import { PermissionService } from './document/permissions';
import { EventPublisher } from './events/publisher';
import { MetaRegistry } from './metadata/meta';

/** The Frappe-like core every module leans on: config, database, doctypes, documents, auth. */
@Global()
@Module({})
export class KernelModule {
  static register(config: AppConfig): DynamicModule {
    const providers = [
      { provide: AppConfig, useValue: config },
      { provide: MetaRegistry, useFactory: buildRegistry },
      { provide: ControllerRegistry, useFactory: buildControllers },
      EventPublisher,
      Database,
      NamingService,
      PermissionService,
      DocumentService,
      IdempotencyService,
      AuthService,
    ];
    return { module: KernelModule, providers, exports: providers.map((p) => ('provide' in p ? p.provide : p)) };
  }
}
