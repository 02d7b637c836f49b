import { DynamicModule, Global, Module } from '@nestjs/common';
import { AppConfig } from '../config/config';
import { buildControllers, buildRegistry } from '../doctypes';
import { AuthService } from './auth/auth.service';
import { ChangeFeed } from './db/change-feed';
import { Database } from './db/database';
import { HousekeepingService } from './db/housekeeping.service';
import { IdempotencyService } from './db/idempotency';
import { ControllerRegistry } from './document/controllers';
import { DocCache } from './document/doc-cache';
import { DocumentService } from './document/document.service';
import { NamingService } from './document/naming';
import { PermissionService } from './document/permissions';
import { EventPublisher } from './events/publisher';
import { MetaRegistry } from './metadata/meta';
import { DocTypeDef } from './metadata/types';
import { SystemSettingsService } from './settings/system-settings';
import { ControllerDef } from './document/types';

/** Doctypes and controllers added to the built-in ones (plugins; test fixtures). */
export interface Extensions {
  doctypes?: DocTypeDef[];
  controllers?: ControllerDef[];
}

/** The Frappe-like core every module leans on: config, database, doctypes, documents, auth. */
@Global()
@Module({})
export class KernelModule {
  static register(config: AppConfig, extensions: Extensions = {}): DynamicModule {
    const providers = [
      { provide: AppConfig, useValue: config },
      { provide: MetaRegistry, useFactory: () => buildRegistry(extensions.doctypes) },
      { provide: ControllerRegistry, useFactory: () => buildControllers(extensions.controllers) },
      EventPublisher,
      Database,
      ChangeFeed,
      NamingService,
      PermissionService,
      DocCache,
      DocumentService,
      IdempotencyService,
      HousekeepingService,
      AuthService,
      SystemSettingsService,
    ];
    return { module: KernelModule, providers, exports: providers.map((p) => ('provide' in p ? p.provide : p)) };
  }
}
