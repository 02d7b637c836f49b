import { Body, Controller, Delete, HttpCode, Module, Post, Req } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import request from 'supertest';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { installBodyParsers } from '../../src/api/http/body-parsers';
import type { HttpRequest } from '../../src/kernel/auth/request';
import { Money } from '../../src/kernel/money/decimal';
import { coerceInput } from '../../src/kernel/metadata/values';
import { MetaRegistry } from '../../src/kernel/metadata/meta';
import { defineDocType } from '../../src/kernel/metadata/types';

/** What a handler receives from the body parsers: exact numbers, and the raw bytes. */
@Controller('echo')
class EchoController {
  @Post()
  @HttpCode(200)
  echo(@Body() body: Record<string, unknown>, @Req() req: HttpRequest) {
    return { body, raw: req.rawBody?.toString('utf8') ?? null, rate: body && coerceInput(meta, meta.field('rate')!, body.rate) };
  }

  @Delete()
  @HttpCode(202)
  remove(@Body() body: unknown) {
    return { body: body ?? null };
  }
}

@Module({ controllers: [EchoController] })
class EchoModule {}

const meta = new MetaRegistry([
  defineDocType({ name: 'Priced', module: 'Tests', fields: [{ fieldname: 'rate', fieldtype: 'Currency', precision: 9 }], permissions: [] }),
]).get('Priced')!;

describe('body parsers', () => {
  let app: NestFastifyApplication;
  const inject = async (method: 'post' | 'delete', payload: string | undefined, contentType = 'application/json') => {
    const req = request(app.getHttpServer())[method]('/echo').set('Content-Type', contentType);
    const res = payload === undefined ? await req : await req.send(payload);
    return { statusCode: res.status, body: res.text, json: () => res.body };
  };

  beforeAll(async () => {
    app = await NestFactory.create<NestFastifyApplication>(EchoModule, new FastifyAdapter(), { logger: false });
    installBodyParsers(app, 1024 * 1024);
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });
  afterAll(() => app.close());

  it('keeps the digits of every JSON number a decimal field receives, and writes them back', async () => {
    const raw = '{"rate": 123456789012.123456789, "qty": 2.675, "tiny": 0.1}';
    const res = await inject('post', raw);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('"rate":123456789012.123456789');
    expect(res.body).toContain('"qty":2.675');
    expect(res.json().rate).toBe('123456789012.123456789');
    expect(new Money(JSON.parse(raw).rate).toFixed()).not.toBe('123456789012.123456789'); // what JSON.parse would have kept
  });

  it('keeps the exact request bytes for signature checks, JSON and form alike', async () => {
    const raw = '{ "event":"paid",  "amount": 19.990 }';
    expect((await inject('post', raw)).json().raw).toBe(raw);
    const form = await inject('post', 'data=%7B%7D&x=1', 'application/x-www-form-urlencoded');
    expect(form.json()).toMatchObject({ raw: 'data=%7B%7D&x=1', body: { data: '{}', x: '1' } });
  });

  it('answers malformed and prototype-poisoning JSON with 400, as Fastify does', async () => {
    expect((await inject('post', '{"rate": 1,')).statusCode).toBe(400);
    expect((await inject('post', '{"__proto__": {"admin": true}}')).statusCode).toBe(400);
    expect((await inject('post', '{"constructor": {"prototype": {"admin": true}}}')).statusCode).toBe(400);
    // a key given twice: JSON.parse's answer (the last one wins)
    expect((await inject('post', '{"rate": 1, "rate": 2}')).json().body).toEqual({ rate: 2 });
  });

  it("takes frappe-js-sdk's DELETE with a JSON content type and no body", async () => {
    const res = await inject('delete', undefined);
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ body: null });
  });
});
