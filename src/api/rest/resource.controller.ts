import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query, Req, Res } from '@nestjs/common';
import type { HttpReply, HttpRequest } from '../../kernel/auth/request';
import { DocumentService } from '../../kernel/document/document.service';
import { ApiRunner, Reply } from '../api-runner';
import { checkArgs, LIST_PARAMS, listParamsFrom, objectArg } from './list-params';

/** A POST/PUT body: JSON, or a form with the document as JSON in `data` (Frappe accepts both). */
function docBody(body: unknown): Record<string, unknown> {
  const b = (body ?? {}) as Record<string, unknown>;
  if (typeof b.data === 'string') return objectArg('data', b.data);
  return objectArg('body', b);
}

export function send(res: HttpReply, reply: Reply): void {
  if (reply.replayed) res.header('Idempotent-Replayed', 'true');
  res.status(reply.status).send(reply.body);
}

/** Frappe's /api/resource routes (also under /api/v1). */
@Controller(['api/resource', 'api/v1/resource'])
export class ResourceController {
  constructor(
    private readonly docs: DocumentService,
    private readonly runner: ApiRunner,
  ) {}

  @Get(':doctype')
  async list(@Param('doctype') doctype: string, @Query() query: Record<string, unknown>, @Req() req: HttpRequest) {
    const data = await this.runner.read(req, (ctx) => this.docs.getList(ctx, doctype, listParamsFrom(checkArgs(LIST_PARAMS, query))));
    return { data };
  }

  @Get(':doctype/:name')
  async get(@Param('doctype') doctype: string, @Param('name') name: string, @Req() req: HttpRequest) {
    return this.runner.read(req, async (ctx) => ({
      data: await this.docs.toJSON(ctx, this.docs.meta(doctype), await this.docs.getDoc(ctx, doctype, name)),
    }));
  }

  @Post(':doctype')
  @HttpCode(200)
  async insert(@Param('doctype') doctype: string, @Body() body: unknown, @Req() req: HttpRequest, @Res() res: HttpReply) {
    const input = docBody(body);
    delete input.doctype;
    const reply = await this.runner.write(req, { action: Number(input.docstatus) === 1 ? 'Insert and Submit' : 'Insert', doctype, fingerprint: input }, async (ctx) => {
      const doc = await this.docs.insert(ctx, doctype, input);
      return { status: 200, body: { data: await this.docs.toJSON(ctx, this.docs.meta(doctype), doc) }, name: doc.name };
    });
    send(res, reply);
  }

  @Put(':doctype/:name')
  async update(@Param('doctype') doctype: string, @Param('name') name: string, @Body() body: unknown, @Req() req: HttpRequest, @Res() res: HttpReply) {
    const input = docBody(body);
    delete input.flags;
    const action = { 1: 'Submit', 2: 'Cancel' }[Number(input.docstatus)] ?? 'Update';
    const reply = await this.runner.write(req, { action, doctype, fingerprint: input }, async (ctx) => {
      const doc = await this.docs.update(ctx, doctype, name, input);
      return { status: 200, body: { data: await this.docs.toJSON(ctx, this.docs.meta(doctype), doc) }, name };
    });
    send(res, reply);
  }

  @Delete(':doctype/:name')
  async remove(@Param('doctype') doctype: string, @Param('name') name: string, @Req() req: HttpRequest, @Res() res: HttpReply) {
    const reply = await this.runner.write(req, { action: 'Delete', doctype, fingerprint: name }, async (ctx) => {
      await this.docs.delete(ctx, doctype, name);
      return { status: 202, body: { data: 'ok' }, name };
    });
    send(res, reply);
  }
}
