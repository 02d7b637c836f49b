import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { AppConfig } from '../config/config';
import { AuthHook } from './auth/auth.hook';
import { AuthService } from '../kernel/auth/auth.service';
import { CatalogModule } from '../domain/catalog/catalog.module';
import { VariantService } from '../domain/catalog/variant-service';
import { PriceBook } from '../domain/pricing/price-book';
import { PricingModule } from '../domain/pricing/pricing.module';
import { StorefrontModule } from '../domain/storefront/storefront.module';
import { StorefrontService } from '../domain/storefront/storefront.service';
import { Database } from '../kernel/db/database';
import { DocumentService } from '../kernel/document/document.service';
import { ApiRunner } from './api-runner';
import { FrappeErrorFilter } from './rest/error.filter';
import { METHOD_REGISTRY, MethodRegistry, MethodServices } from './rest/method-registry';
import { METHOD_SERVICES } from './rest/method-services';
import { MethodController } from './rest/method.controller';
import { allMethods } from './rest/methods';
import { ResourceController } from './rest/resource.controller';
import { TreeIndex } from '../kernel/document/tree-index';

/** REST: /api/resource and /api/method (bootstrap installs the auth hook in front). */
@Module({
  imports: [StorefrontModule, PricingModule, CatalogModule],
  controllers: [ResourceController, MethodController],
  providers: [
    ApiRunner,
    AuthHook,
    { provide: APP_FILTER, useClass: FrappeErrorFilter },
    { provide: METHOD_REGISTRY, useFactory: () => new MethodRegistry(allMethods()) },
    {
      provide: METHOD_SERVICES,
      inject: [DocumentService, AuthService, Database, AppConfig, StorefrontService, PriceBook, VariantService, TreeIndex],
      useFactory: (docs: DocumentService, auth: AuthService, db: Database, config: AppConfig, storefront: StorefrontService, prices: PriceBook, variants: VariantService, trees: TreeIndex): MethodServices => ({
        docs,
        auth,
        db,
        config,
        storefront,
        prices,
        variants,
        trees,
      }),
    },
  ],
  exports: [ApiRunner, AuthHook, METHOD_REGISTRY, METHOD_SERVICES],
})
export class ApiModule {}
