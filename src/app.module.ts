import { DynamicModule, Module } from '@nestjs/common';
import { ApiModule } from './api/api.module';
import { AppConfig } from './config/config';
import { KernelModule } from './kernel/kernel.module';
import { SetupService } from './setup/setup.service';

@Module({})
export class AppModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [KernelModule.register(config), ApiModule],
      providers: [SetupService],
      exports: [SetupService],
    };
  }
}
