// A lock waited for too long, a deadlock or a serialization failure rolled the request's
// transaction back with nothing done: the client is told to try again (503 + Retry-After), never a 500.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ArgumentsHost } from '@nestjs/common';
import { HttpExceptionFilter } from './http-exception.filter.js';

function answer(exception: unknown) {
  const sent: { status?: number; body?: Record<string, unknown>; headers: Record<string, string> } = { headers: {} };
  const response = {
    setHeader: (k: string, v: string) => (sent.headers[k] = v),
    status: (s: number) => {
      sent.status = s;
      return { json: (b: Record<string, unknown>) => (sent.body = b) };
    },
  };
  const host = { switchToHttp: () => ({ getResponse: () => response }) } as unknown as ArgumentsHost;
  new HttpExceptionFilter().catch(exception, host);
  return sent;
}

describe('a busy database', () => {
  for (const code of ['55P03', '40P01', '40001'])
    it(`answers ${code} with 503 busy and Retry-After`, () => {
      const sent = answer(
        Object.assign(new Error('canceling statement due to lock timeout'), { driverError: { code } }),
      );
      assert.equal(sent.status, 503);
      assert.equal(sent.body?.code, 'busy');
      assert.equal(sent.headers['Retry-After'], '2');
    });

  it('keeps any other database error a hidden 500', () => {
    const sent = answer(Object.assign(new Error('boom'), { driverError: { code: '23505' } }));
    assert.equal(sent.status, 500);
    assert.equal(sent.body?.code, 'internal_error');
  });
});
