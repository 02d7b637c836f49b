import { ExecutionContext, Injectable, NestMiddleware, Type } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { DocketRequest } from '../../kernel/auth/request';
import { DocketError } from '../../kernel/errors/errors';
import { DocketThrottlerGuard } from './docket-throttler.guard';

type HttpArgumentsHost = ReturnType<ExecutionContext['switchToHttp']>;
type RpcArgumentsHost = ReturnType<ExecutionContext['switchToRpc']>;
type WsArgumentsHost = ReturnType<ExecutionContext['switchToWs']>;

/** An HTTP request seen as a Nest ExecutionContext, for the guard. */
class HttpRequestContext implements ExecutionContext {
  private readonly args: [Request, Response, NextFunction];

  constructor(
    private readonly classRef: Type<unknown>,
    private readonly handler: (...args: never[]) => unknown,
    req: Request,
    res: Response,
    next: NextFunction,
  ) {
    this.args = [req, res, next];
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
    const [req, res, next] = this.args;
    return { getRequest: <T>() => req as T, getResponse: <T>() => res as T, getNext: <T>() => next as T };
  }

  switchToRpc(): RpcArgumentsHost {
    throw new Error('not an RPC context');
  }

  switchToWs(): WsArgumentsHost {
    throw new Error('not a WebSocket context');
  }
}

/**
 * Rate limits /graphql per HTTP request, with the same guard, budget and headers as REST.
 * Runs after the auth middleware (it needs the caller). Over the limit: 429 with a GraphQL
 * error body whose extensions follow the API's GraphQL errors (code = exc_type).
 */
@Injectable()
export class GraphqlThrottleMiddleware implements NestMiddleware {
  constructor(private readonly guard: DocketThrottlerGuard) {}

  use(req: Request, res: Response, next: NextFunction): void {
    if (!(req as DocketRequest).docketMeta) {
      next(new Error('GraphqlThrottleMiddleware ran before the auth middleware: import ThrottleModule after ApiModule'));
      return;
    }
    const context = new HttpRequestContext(GraphqlThrottleMiddleware, this.use, req, res, next);
    this.guard.canActivate(context).then(
      () => next(),
      (err: unknown) => {
        if (!(err instanceof DocketError)) return next(err);
        res.status(err.httpStatus).json({ errors: [{ message: err.message, extensions: { code: err.excType, http_status: err.httpStatus } }] });
      },
    );
  }
}
