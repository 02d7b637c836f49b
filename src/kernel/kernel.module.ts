import { DynamicModule, Global, Module, Provider, Type } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { AppConfig } from '../config/config';
import { AuthService } from './auth/auth.service';
import { ChangeFeed } from './db/change-feed';
import { Database } from './db/database';
import { HousekeepingService } from './db/housekeeping.service';
import { IdempotencyService } from './db/idempotency';
import { ControllerRegistry } from './document/controllers';
import { DocCache } from './document/doc-cache';
import { DocumentService } from './document/document.service';
import { TreeIndex } from './document/tree-index';
import { NamingService } from './document/naming';
import { PermissionService } from './document/permissions';
import { Inbox } from './effects/inbox';
import { Outbox } from './effects/outbox';
import { OutboxRelay } from './effects/outbox-relay';
import { MetaRegistry } from './metadata/meta';
import { DocTypeDef } from './metadata/types';
import { SystemSettingsService } from './settings/system-settings';
import { DocHooks } from './document/types';
import { WEBSITE_USER_SCOPE, WebsiteUserScope } from './document/website-user-scope';

/** Doctypes and controllers added to the built-in ones (plugins; test fixtures). */
export interface Extensions {
  doctypes?: DocTypeDef[];
  /** @DocController classes of those doctypes */
  controllers?: Type<DocHooks>[];
  /** services the controllers are given */
  providers?: Provider[];
}

/**
 * What the layers above hand the kernel (it imports nothing of theirs): every doctype, and
 * optionally the module that scopes what website users see.
 */
export interface KernelParts {
  registry: MetaRegistry;
  websiteUserScope?: Type<WebsiteUserScope>;
}

/** The Frappe-like core every module leans on: config, database, doctypes, documents, auth. */
@Global()
@Module({})
export class KernelModule {
  static register(config: AppConfig, parts: KernelParts): DynamicModule {
    const providers = [
      { provide: AppConfig, useValue: config },
      { provide: MetaRegistry, useValue: parts.registry },
      ...(parts.websiteUserScope ? [{ provide: WEBSITE_USER_SCOPE, useClass: parts.websiteUserScope }] : []),
      ControllerRegistry,
      Database,
      OutboxRelay,
      Outbox,
      Inbox,
      ChangeFeed,
      NamingService,
      PermissionService,
      DocCache,
      TreeIndex,
      DocumentService,
      IdempotencyService,
      HousekeepingService,
      AuthService,
      SystemSettingsService,
    ];
    return {
      module: KernelModule,
      imports: [DiscoveryModule],
      providers,
      exports: providers.map((p) => ('provide' in p ? p.provide : p)),
    };
  }
}
