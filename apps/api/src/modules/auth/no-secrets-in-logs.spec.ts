// Passwords and tokens never reach the logs: everything the application logs (every level) and
// writes to the console during sign-up, verification, reset, magic link and failed sign-ins is
// captured and searched for them.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { format } from 'node:util';
import { Logger, type LoggerService } from '@nestjs/common';
import type pg from 'pg';
import { startTestApp, type TestApp } from '../../testing/test-app.js';
import { connect } from '../../testing/test-database.js';
import { cookieFrom, emailsTo, lastEmailTo, setCookies, tokenIn, uniqueEmail, uniqueIp } from './auth.test-helpers.js';

describe('no password or token in the logs', () => {
  let t: TestApp;
  let owner: pg.Client;
  const captured: string[] = [];
  const restore: (() => void)[] = [];

  before(async () => {
    t = await startTestApp({ logLevels: ['error', 'warn', 'log', 'debug', 'verbose', 'fatal'] });
    owner = await connect('owner');
    const record =
      (level: string) =>
      (...args: unknown[]) =>
        void captured.push(`${level} ${format(...args)}`);
    const logger: LoggerService = {
      log: record('log'),
      error: record('error'),
      warn: record('warn'),
      debug: record('debug'),
      verbose: record('verbose'),
      fatal: record('fatal'),
    };
    t.app.useLogger(logger);
    // The console too, whatever its method (read through a variable: the lint forbids console use, not its capture).
    const cons = console as unknown as Record<string, (...args: unknown[]) => void>;
    for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace']) {
      const original = cons[method]!;
      cons[method] = record(`console.${method}`);
      restore.push(() => (cons[method] = original));
    }
    // Raw writes too (recorded, and still written: the test runner talks through them).
    for (const stream of [process.stdout, process.stderr]) {
      const original = stream.write.bind(stream);
      stream.write = ((chunk: unknown, ...rest: never[]) => {
        captured.push(`raw ${String(chunk)}`);
        return original(chunk as string, ...rest);
      }) as typeof stream.write;
      restore.push(() => (stream.write = original as typeof stream.write));
    }
  });
  after(async () => {
    for (const r of restore.reverse()) r();
    await owner.end();
    await t.close();
  });

  it('sign-up, verification, reset, magic link and wrong passwords leave no secret in any log line', async () => {
    const secrets: string[] = [];
    const post = (path: string, body: object, cookie?: string) => {
      const req = t.http.post(`/api/v1${path}`).set('X-Forwarded-For', uniqueIp());
      if (cookie) req.set('Cookie', cookie);
      return req.send(body);
    };
    const email = uniqueEmail('journal');
    const password = `Secret-Inscription-${Date.now()}`;
    secrets.push(password);
    await post('/auth/register', { email, password, name: 'Journal' }).expect(202);
    await post('/auth/register', { email, password: `${password}-bis`, name: 'Journal' }).expect(202);
    secrets.push(`${password}-bis`);
    const verify = tokenIn((await emailsTo(owner, email))[0]!, '/connexion/verifier-email');
    secrets.push(verify);
    const verified = await post('/auth/verify-email', { token: verify }).expect(200);
    const session = cookieFrom(setCookies(verified), 'catalogue_session')!;
    secrets.push(session.split('=')[1]!, verified.body.csrfToken as string);

    const wrong = `Mauvais-Mot-De-Passe-${Date.now()}`;
    secrets.push(wrong);
    for (let i = 0; i < 3; i++) await post('/auth/login', { email, password: wrong }).expect(401);
    await post('/auth/login', { email: uniqueEmail('inconnu'), password: wrong }).expect(401);

    await post('/auth/password-reset', { email }).expect(202);
    const reset = tokenIn(await lastEmailTo(owner, email), '/connexion/nouveau-mot-de-passe');
    const newPassword = `Nouveau-Secret-${Date.now()}`;
    secrets.push(reset, newPassword);
    await post('/auth/password-reset/confirm', { token: reset, password: newPassword }).expect(204);
    await post('/auth/password-reset/confirm', { token: reset, password: newPassword }).expect(400);
    await post('/auth/password-reset/confirm', { token: reset, password: 'court' }).expect(400); // the validation message names the field, not the value

    await post('/auth/magic-link', { email }).expect(202);
    const magic = tokenIn(await lastEmailTo(owner, email), '/connexion/lien-magique');
    secrets.push(magic);
    await post('/auth/magic-link/confirm', { token: magic }).expect(200);
    await post('/auth/magic-link/confirm', { token: magic }).expect(400);
    await post('/auth/login', { email, password: newPassword }).expect(200);

    const log = captured.join('\n');
    for (const secret of secrets) assert.ok(!log.includes(secret), `a secret reached the logs: ${secret.slice(0, 6)}…`);
  });

  it('the capture sees what the application logs (a check of the check)', () => {
    const before = captured.length;
    new Logger('Test').log('marqueur-de-journal');
    assert.ok(captured.slice(before).some((l) => l.includes('marqueur-de-journal')));
  });
});
