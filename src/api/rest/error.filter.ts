import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import { AppConfig } from '../../config/config';
import type { HttpReply } from '../../kernel/auth/request';
import { renderError } from './error-body';

/** Renders every REST error in Frappe's shape (GraphQL errors are formatted by Apollo). */
@Catch()
export class FrappeErrorFilter implements ExceptionFilter {
  private readonly log = new Logger('Error');

  constructor(private readonly config: AppConfig) {}

  catch(err: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw err;
    const reply = host.switchToHttp().getResponse<HttpReply>();
    const out = renderError(err, this.config.env === 'development');
    if (out.internal) this.log.error(err instanceof Error ? err.stack ?? err.message : String(err));
    if (reply.sent) return;
    reply.status(out.status).headers(out.headers).send(out.body);
  }
}
