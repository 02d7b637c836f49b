import { All, Controller, Inject, Param, Req, Res } from '@nestjs/common';
import type { HttpReply, HttpRequest } from '../../kernel/auth/request';
import { DataError, PermissionError } from '../../kernel/errors/errors';
import { ApiRunner } from '../api-runner';
import { checkArgs, requestArgs } from './list-params';
import { HttpVerb, METHOD_REGISTRY, MethodRegistry, MethodServices } from './method-registry';
import { send } from './resource.controller';
import { METHOD_SERVICES } from './method-services';

/** /api/method/<dotted.path>: whitelisted methods only, with Frappe's verb rules. */
@Controller(['api/method', 'api/v1/method'])
export class MethodController {
  constructor(
    @Inject(METHOD_REGISTRY) private readonly methods: MethodRegistry,
    @Inject(METHOD_SERVICES) private readonly services: MethodServices,
    private readonly runner: ApiRunner,
  ) {}

  @All(':path')
  async call(@Param('path') path: string, @Req() req: HttpRequest, @Res() res: HttpReply) {
    const method = this.methods.get(path);
    const verb = req.method.toUpperCase() as HttpVerb;
    if (!method || !(method.methods ?? ['GET', 'POST', 'PUT', 'DELETE']).includes(verb)) {
      throw new PermissionError('Not permitted');
    }
    const user = req.docketUser;
    if (!method.allowGuest && (!user || user.name === 'Guest')) throw new PermissionError('Not permitted');
    const given = requestArgs(req);
    let args: Record<string, unknown>;
    try {
      args = checkArgs(method.params ?? {}, given);
    } catch (err) {
      // Form-encoded methods speak OAuth 2, whose bad request is RFC 6749's invalid_request.
      if (!(err instanceof DataError) || !method.form) throw err;
      res.status(400).send({ error: 'invalid_request', error_description: err.message });
      return;
    }
    const wrap = (value: unknown) => (method.raw ? (value ?? {}) : value === undefined ? {} : { message: value });
    if (!method.write) {
      const value = await this.runner.read(req, (ctx) => method.handler({ ctx, args, services: this.services, req, res }));
      if (!res.sent) res.status(res.statusCode || 200).send(wrap(value));
      return;
    }
    const reply = await this.runner.write(req, { action: path, fingerprint: args }, async (ctx) => {
      const value = await method.handler({ ctx, args, services: this.services, req, res });
      return { status: res.statusCode || 200, body: wrap(value) };
    });
    send(res, reply);
  }
}
