import { DynamicModule, Module } from '@nestjs/common';
import { ApiModule } from './api/api.module';
import { GraphqlApiModule } from './api/graphql/graphql.module';
import { AppConfig } from './config/config';
import { Extensions, KernelModule } from './kernel/kernel.module';
import { SetupService } from './setup/setup.service';

@Module({})
export class AppModule {
  static register(config: AppConfig, extensions: Extensions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [KernelModule.register(config, extensions), ApiModule, GraphqlApiModule],
      providers: [SetupService],
      exports: [SetupService],
    };
  }
}
