import type { Request } from 'express';
import { GUEST, RequestMeta, SessionUser } from '../db/context';

/** What the auth middleware attaches to every request. */
export interface DocketRequest extends Request {
  docketUser?: SessionUser;
  docketMeta?: RequestMeta;
}

export function requestUser(req: Request): SessionUser {
  return (req as DocketRequest).docketUser ?? GUEST;
}

export function requestMeta(req: Request): RequestMeta {
  return (req as DocketRequest).docketMeta ?? { via: 'guest', ip: req.ip };
}
