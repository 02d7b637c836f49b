import { Controller, Get, Inject, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { dirname, join } from 'node:path';
import { Public } from '../../kernel/auth/public.decorator';
import { DoesNotExistError } from '../../kernel/errors/errors';
import { toYaml } from './generate';

/** The OpenAPI document of the running application (built once at start). */
export const OPENAPI_DOCUMENT = Symbol('OPENAPI_DOCUMENT');

const ASSETS_URL = '/api/docs/assets';
/** Files of swagger-ui-dist the page loads; nothing else of the package is served. */
const SWAGGER_FILES = new Set(['swagger-ui.css', 'swagger-ui-bundle.js', 'favicon-16x16.png', 'favicon-32x32.png']);
const SWAGGER_DIR = dirname(require.resolve('swagger-ui-dist/package.json'));
const ASSET_MAX_AGE_MS = 24 * 3600_000;

/** Starts Swagger UI on the spec; a file of its own so the page needs no inline script. */
const INIT_SCRIPT = `window.onload = function () {
  window.ui = SwaggerUIBundle({
    url: '/api/openapi.json',
    dom_id: '#swagger-ui',
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
@Public()
@Controller('api')
export class DocsController {
  private readonly json: string;
  private readonly yaml: string;

  constructor(@Inject(OPENAPI_DOCUMENT) document: Record<string, unknown>) {
    this.json = JSON.stringify(document);
    this.yaml = toYaml(document);
  }

  @Get('docs')
  page(@Res({ passthrough: true }) res: Response): string {
    res.type('text/html; charset=utf-8');
    return PAGE;
  }

  @Get('docs/assets/:file')
  asset(@Param('file') file: string, @Res() res: Response): void {
    if (file === 'docket-init.js') {
      res.type('text/javascript; charset=utf-8').send(INIT_SCRIPT);
      return;
    }
    if (!SWAGGER_FILES.has(file)) throw new DoesNotExistError(`No documentation asset ${file}`);
    res.sendFile(join(SWAGGER_DIR, file), { maxAge: ASSET_MAX_AGE_MS });
  }

  @Get('openapi.json')
  openApiJson(@Res({ passthrough: true }) res: Response): string {
    res.type('application/json; charset=utf-8');
    return this.json;
  }

  @Get('openapi.yaml')
  openApiYaml(@Res({ passthrough: true }) res: Response): string {
    res.type('application/yaml; charset=utf-8');
    return this.yaml;
  }
}
