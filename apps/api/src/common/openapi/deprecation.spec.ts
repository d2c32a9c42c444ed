// @Deprecated(): the Deprecation, Sunset and Link headers on a real answer, and the operation
// marked deprecated in the OpenAPI document; a sunset under six months' notice is refused.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import 'reflect-metadata';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ApiOkResponse, ApiOperation, SwaggerModule, DocumentBuilder } from '@nestjs/swagger';
import supertest from 'supertest';
import { Deprecated, deprecationHeaders } from './deprecation.js';

const notice = {
  since: new Date('2027-01-15T00:00:00Z'),
  sunset: new Date('2027-07-31T00:00:00Z'),
  link: 'https://catalogue.example/docs/api/CHANGELOG.md#2027-01-15',
};

@Controller('old')
class OldController {
  @Get()
  @Deprecated(notice)
  @ApiOperation({ summary: 'Ancienne route', description: 'Remplacée par /new.' })
  @ApiOkResponse({ schema: { type: 'object', properties: { ok: { type: 'boolean' } } } })
  get() {
    return { ok: true };
  }

  @Get('kept')
  @ApiOperation({ summary: 'Route gardée' })
  kept() {
    return { ok: true };
  }
}

@Module({ controllers: [OldController] })
class OldModule {}

describe('deprecating a route', () => {
  it('sends Deprecation (RFC 9745), Sunset (RFC 8594) and Link rel="deprecation", only on that route', async () => {
    const app = await NestFactory.create(OldModule, { logger: false });
    await app.init();
    try {
      const res = await supertest(app.getHttpServer()).get('/old');
      assert.equal(res.status, 200);
      assert.deepEqual(res.body, { ok: true });
      assert.equal(res.headers['deprecation'], '@1799971200');
      assert.equal(res.headers['sunset'], 'Sat, 31 Jul 2027 00:00:00 GMT');
      assert.equal(res.headers['link'], `<${notice.link}>; rel="deprecation"; type="text/html"`);
      const kept = await supertest(app.getHttpServer()).get('/old/kept');
      assert.equal(kept.headers['deprecation'], undefined);
      assert.equal(kept.headers['sunset'], undefined);

      const document = SwaggerModule.createDocument(app, new DocumentBuilder().build());
      const operation = document.paths['/old']!.get!;
      assert.equal(operation.deprecated, true);
      assert.equal(operation.summary, 'Ancienne route');
      assert.match(
        operation.description!,
        /^\*\*Dépréciée\*\* depuis le 15 janvier 2027 ; peut disparaître après le 31 juillet 2027/,
      );
      assert.match(operation.description!, /Remplacée par \/new\.$/);
      assert.equal(document.paths['/old/kept']!.get!.deprecated, undefined);
    } finally {
      await app.close();
    }
  });

  it('refuses a sunset less than six months after the announcement', () => {
    assert.throws(
      () => deprecationHeaders({ ...notice, sunset: new Date('2027-06-30T00:00:00Z') }),
      /less than 6 months/,
    );
    assert.doesNotThrow(() => deprecationHeaders({ ...notice, sunset: new Date('2027-07-15T00:00:00Z') }));
  });
});
