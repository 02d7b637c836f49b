import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { AppConfig } from '../../config/config';
import { renderError } from './error-body';

/** Renders every REST error in Frappe's shape (GraphQL errors are formatted by Apollo). */
@Catch()
export class FrappeErrorFilter implements ExceptionFilter {
  private readonly log = new Logger('Error');

  constructor(private readonly config: AppConfig) {}

  catch(err: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw err;
    const res = host.switchToHttp().getResponse<Response>();
    const out = renderError(err, this.config.env === 'development');
    if (out.internal) this.log.error(err instanceof Error ? err.stack ?? err.message : String(err));
    if (res.headersSent) return;
    for (const [k, v] of Object.entries(out.headers)) res.setHeader(k, v);
    res.status(out.status).json(out.body);
  }
}
