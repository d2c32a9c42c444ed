// The JSON logger writes one parseable object per line (time, level, context, message, requestId
// inside a request) at the levels asked only; the access log gives one line per request with the
// route's pattern, never the URL's query string, ids or emails.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { startApiTest, type ApiTest } from '../../testing/test-app.js';
import { makeOffer, makeOrganization } from '../../testing/factories.js';
import { JsonLogger, TextLogger } from './app-logger.js';
import { ACCESS_LOG_CONTEXT } from './access-log.js';
import { withRequestId } from './request-context.js';
import { captureOutput, jsonRecords } from './log-capture.test-helpers.js';
import { makeFakeWebDir } from '../../testing/fake-web-app.js';

const ALL = ['error', 'warn', 'log', 'debug', 'verbose', 'fatal'] as const;

describe('JSON and text loggers', () => {
  it('writes one JSON object per line with time, level, context, message and the request id', () => {
    const logger = new JsonLogger([...ALL]);
    const capture = captureOutput();
    try {
      withRequestId('req-test-0001', () => logger.log('dans une requête', 'Essai'));
      logger.warn('hors requête', 'Essai');
      withRequestId('req-test-0002', () => logger.error(new Error('panne'), 'Essai'));
      logger.log('avec des champs', { route: '/api/v1/x/:id', status: 200 }, 'Essai');
    } finally {
      capture.restore();
    }
    const records = jsonRecords(capture);
    assert.equal(records.length, 4, capture.chunks.join(''));
    for (const r of records) {
      assert.ok(!Number.isNaN(Date.parse(r.time as string)), 'time is an ISO date');
      assert.equal(r.context, 'Essai');
    }
    assert.deepEqual(
      records.map((r) => [r.level, r.message, r.requestId]),
      [
        ['log', 'dans une requête', 'req-test-0001'],
        ['warn', 'hors requête', undefined],
        ['error', 'panne', 'req-test-0002'],
        ['log', 'avec des champs', undefined],
      ],
    );
    assert.equal((records[2]!.error as { name: string }).name, 'Error');
    assert.deepEqual([records[3]!.route, records[3]!.status], ['/api/v1/x/:id', 200]);
  });

  it("leaves out an error's row values (PostgreSQL's detail) and masks secret fields of logged objects", () => {
    const logger = new JsonLogger([...ALL]);
    const failure = Object.assign(new Error('duplicate key value violates unique constraint "app_user_email_key"'), {
      code: '23505',
      detail: 'Key (email)=(camille.martin@exemple.fr) already exists.',
    });
    const capture = captureOutput();
    try {
      logger.error(failure, 'Essai');
      logger.warn('objet', { user: { email: 'dominique@exemple.fr', password: 'secret-1234' }, count: 2 }, 'Essai');
    } finally {
      capture.restore();
    }
    const [error, warn] = jsonRecords(capture);
    assert.equal((error!.error as { code: string }).code, '23505');
    assert.deepEqual(warn!.user as object, { email: '[REDACTED]', password: '[REDACTED]' });
    const text = capture.chunks.join('');
    for (const leak of ['camille.martin', 'dominique@', 'secret-1234']) assert.ok(!text.includes(leak), leak);
  });

  it('writes nothing below LOG_LEVEL', () => {
    const logger = new JsonLogger(['error', 'warn']);
    const capture = captureOutput();
    try {
      logger.log('trop bavard', 'Essai');
      logger.debug('encore plus', 'Essai');
      logger.warn('attention', 'Essai');
    } finally {
      capture.restore();
    }
    assert.deepEqual(
      jsonRecords(capture).map((r) => r.message),
      ['attention'],
    );
  });

  it('writes readable lines naming the request in text', () => {
    const logger = new TextLogger(['log']);
    const capture = captureOutput();
    try {
      withRequestId('req-text-0001', () => logger.log('lisible', 'Essai'));
    } finally {
      capture.restore();
    }
    const line = capture.lines().find((l) => l.includes('lisible'))!;
    assert.ok(line.includes('[Essai req-text-0001]'), line);
    assert.ok(!line.trim().startsWith('{'));
  });
});

describe('access log', () => {
  let api: ApiTest;
  let webDir: string;
  let offerId: string;
  const logger = new JsonLogger(['error', 'warn', 'log']);

  before(async () => {
    webDir = makeFakeWebDir();
    api = await startApiTest({ webDir });
    api.t.app.useLogger(logger);
    offerId = await makeOffer(api.owner, api.tenant, await makeOrganization(api.owner, api.tenant));
  });
  after(async () => {
    await api.close();
    rmSync(webDir, { recursive: true, force: true });
  });

  it('logs method, route pattern, status, duration, size and request id; never the query string, the id or the email', async () => {
    const base = `/api/v1/tenants/${api.tenant.slug}`;
    const email = 'camille.martin@exemple.fr';
    const capture = captureOutput();
    const ids: string[] = [];
    try {
      for (const [path, status] of [
        [`${base}/offers?q=${encodeURIComponent(`${email} Camille Martin`)}`, 200],
        [`${base}/offers/${offerId}`, 200],
        [`/api/v1/pas-une-route/${encodeURIComponent(email)}`, 404],
        ['/mot-de-passe-oublie?jeton=secret-de-lien-123', 200],
        ['/assets/main-abc123.js', 200],
      ] as const) {
        const res = await api.t.http.get(path).expect(status);
        ids.push(String(res.headers['x-request-id']));
      }
      // The line is written when the response ends, after the client has read it.
      await new Promise((r) => setTimeout(r, 50));
    } finally {
      capture.restore();
    }
    const access = jsonRecords(capture).filter((r) => r.context === ACCESS_LOG_CONTEXT);
    assert.deepEqual(
      access.map((r) => [r.method, r.route, r.status, r.requestId, r.level]),
      [
        ['GET', '/api/v1/tenants/:slug/offers', 200, ids[0], 'log'],
        ['GET', '/api/v1/tenants/:slug/offers/:id', 200, ids[1], 'log'],
        ['GET', '<unmatched>', 404, ids[2], 'log'],
        ['GET', '<web-app>', 200, ids[3], 'log'],
        // The web app's files only at the debug level: not at 'log'.
      ],
    );
    for (const r of access) {
      assert.equal(typeof r.durationMs, 'number');
      assert.ok((r.bytes as number) > 0, 'size of the body sent');
      assert.equal(r.message, `GET ${r.route as string} ${r.status as number} ${r.durationMs as number} ms`);
    }
    const text = capture.chunks.join('');
    for (const leak of [email, 'camille', 'Camille', '?q=', offerId, api.tenant.slug, 'secret-de-lien-123', 'jeton'])
      assert.ok(!text.includes(leak), `the logs hold « ${leak} »`);
  });
});
