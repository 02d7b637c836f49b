import { ExecutionContext, Injectable, Type } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import { HttpReply, HttpRequest } from '../../kernel/auth/request';
import { DocketError } from '../../kernel/errors/errors';
import { GRAPHQL_PATH } from '../graphql/graphql.module';
import { DocketThrottlerGuard } from './docket-throttler.guard';

type HttpArgumentsHost = ReturnType<ExecutionContext['switchToHttp']>;
type RpcArgumentsHost = ReturnType<ExecutionContext['switchToRpc']>;
type WsArgumentsHost = ReturnType<ExecutionContext['switchToWs']>;

/** An HTTP request seen as a Nest ExecutionContext, for the guard. */
class HttpRequestContext implements ExecutionContext {
  private readonly args: [HttpRequest, HttpReply];

  constructor(
    private readonly classRef: Type<unknown>,
    private readonly handler: (...args: never[]) => unknown,
    req: HttpRequest,
    res: HttpReply,
  ) {
    this.args = [req, res];
  }

  getClass<T>(): Type<T> {
    return this.classRef as Type<T>;
  }

  getHandler(): (...args: never[]) => unknown {
    return this.handler;
  }

  getArgs<T extends unknown[]>(): T {
    return this.args as unknown as T;
  }

  getArgByIndex<T>(index: number): T {
    return this.args[index] as T;
  }

  getType<T extends string>(): T {
    return 'http' as T;
  }

  switchToHttp(): HttpArgumentsHost {
    const [req, res] = this.args;
    return { getRequest: <T>() => req as T, getResponse: <T>() => res as T, getNext: <T>() => undefined as T };
  }

  switchToRpc(): RpcArgumentsHost {
    throw new Error('not an RPC context');
  }

  switchToWs(): WsArgumentsHost {
    throw new Error('not a WebSocket context');
  }
}

/**
 * Rate limits /graphql per HTTP request, with the same guard, budget and headers as REST (a
 * Fastify onRequest hook installed after the auth hook, whose caller it needs). Over the
 * limit: 429 with a GraphQL error body whose extensions follow the API's GraphQL errors
 * (code = exc_type).
 */
@Injectable()
export class GraphqlThrottleHook {
  constructor(private readonly guard: DocketThrottlerGuard) {}

  install(app: FastifyInstance): void {
    app.addHook('onRequest', async (req, reply) => {
      // The route Fastify matched (so /graphql/ and /graphql?query=… count too).
      if (req.routeOptions.url !== GRAPHQL_PATH) return;
      if (!req.docketMeta) throw new Error('GraphqlThrottleHook ran before the auth hook: install it after AuthHook');
      try {
        await this.guard.canActivate(new HttpRequestContext(GraphqlThrottleHook, this.install, req, reply));
      } catch (err) {
        if (!(err instanceof DocketError)) throw err;
        return reply.status(err.httpStatus).send({ errors: [{ message: err.message, extensions: { code: err.excType, http_status: err.httpStatus } }] });
      }
    });
  }
}
