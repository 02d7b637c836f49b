import { Module } from '@nestjs/common';
import { PricingModule } from '../pricing/pricing.module';
import { StorefrontCache } from './storefront-cache';
import { StorefrontService } from './storefront.service';

/** The storefront's reads and their cache. */
@Module({ imports: [PricingModule], providers: [StorefrontCache, StorefrontService], exports: [StorefrontService, StorefrontCache] })
export class StorefrontModule {}
