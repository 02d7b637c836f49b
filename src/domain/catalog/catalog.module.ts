import { Module } from '@nestjs/common';
import { VariantService } from './variant-service';

/** Item templates and their variants. */
@Module({ providers: [VariantService], exports: [VariantService] })
export class CatalogModule {}
