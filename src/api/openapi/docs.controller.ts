import { Controller, Get, Inject, Param, Res } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { HttpReply } from '../../kernel/auth/request';
import { DOCS_PAGE_HELMET } from '../http/security-headers';
import { DoesNotExistError } from '../../kernel/errors/errors';
import { toYaml } from './generate';

/** The OpenAPI document of the running application (built once at start). */
export const OPENAPI_DOCUMENT = Symbol('OPENAPI_DOCUMENT');

const ASSETS_URL = '/api/docs/assets';
/** Files of swagger-ui-dist the page loads; nothing else of the package is served. */
const SWAGGER_FILES: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'favicon-16x16.png': 'image/png',
  'favicon-32x32.png': 'image/png',
};
const SWAGGER_DIR = dirname(require.resolve('swagger-ui-dist/package.json'));
const ASSET_CACHE_CONTROL = 'public, max-age=86400';

/**
 * Starts Swagger UI on the spec; a file of its own so the page needs no inline script (its
 * CSP allows scripts from this origin only), and no validator badge, an image from
 * validator.swagger.io.
 */
const INIT_SCRIPT = `window.onload = function () {
  window.ui = SwaggerUIBundle({
    url: '/api/openapi.json',
    dom_id: '#swagger-ui',
    validatorUrl: null,
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout',
  });
};
`;

const PAGE = `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <title>Docket API</title>
    <link rel="stylesheet" href="${ASSETS_URL}/swagger-ui.css">
    <link rel="icon" type="image/png" href="${ASSETS_URL}/favicon-32x32.png" sizes="32x32">
    <link rel="icon" type="image/png" href="${ASSETS_URL}/favicon-16x16.png" sizes="16x16">
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="${ASSETS_URL}/swagger-ui-bundle.js"></script>
    <script src="${ASSETS_URL}/docket-init.js"></script>
  </body>
</html>
`;

/** API reference: Swagger UI at /api/docs (served from swagger-ui-dist, no CDN) and the spec as YAML or JSON. */
@Controller('api')
export class DocsController {
  private readonly json: string;
  private readonly yaml: string;
  /** asset files, read on first request */
  private readonly assets = new Map<string, Buffer>();

  constructor(@Inject(OPENAPI_DOCUMENT) document: Record<string, unknown>) {
    this.json = JSON.stringify(document);
    this.yaml = toYaml(document);
  }

  @Get('docs')
  @RouteConfig(DOCS_PAGE_HELMET)
  page(@Res({ passthrough: true }) res: HttpReply): string {
    res.type('text/html; charset=utf-8');
    return PAGE;
  }

  @Get('docs/assets/:file')
  asset(@Param('file') file: string, @Res() res: HttpReply): void {
    if (file === 'docket-init.js') {
      res.type('text/javascript; charset=utf-8').send(INIT_SCRIPT);
      return;
    }
    const type = Object.hasOwn(SWAGGER_FILES, file) ? SWAGGER_FILES[file] : undefined;
    if (!type) throw new DoesNotExistError(`No documentation asset ${file}`);
    let body = this.assets.get(file);
    if (!body) this.assets.set(file, (body = readFileSync(join(SWAGGER_DIR, file))));
    res.header('Cache-Control', ASSET_CACHE_CONTROL).type(type).send(body);
  }

  @Get('openapi.json')
  openApiJson(@Res({ passthrough: true }) res: HttpReply): string {
    res.type('application/json; charset=utf-8');
    return this.json;
  }

  @Get('openapi.yaml')
  openApiYaml(@Res({ passthrough: true }) res: HttpReply): string {
    res.type('application/yaml; charset=utf-8');
    return this.yaml;
  }
}
