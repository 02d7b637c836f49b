import { Module } from '@nestjs/common';
import { MetaRegistry } from '../../kernel/metadata/meta';
import { ApiModule } from '../api.module';
import { METHOD_REGISTRY, MethodRegistry } from '../rest/method-registry';
import { DocsController, OPENAPI_DOCUMENT } from './docs.controller';
import { buildOpenApi } from './document';
import { docketVersion } from './generate';

/** /api/docs, /api/openapi.yaml and /api/openapi.json, from the registries of the running app. */
@Module({
  imports: [ApiModule],
  controllers: [DocsController],
  providers: [
    {
      provide: OPENAPI_DOCUMENT,
      inject: [MetaRegistry, METHOD_REGISTRY],
      useFactory: (registry: MetaRegistry, methods: MethodRegistry) => buildOpenApi(registry, methods.all(), docketVersion()),
    },
  ],
})
export class OpenApiModule {}
