// What the logs never hold, read from the production logger's own output (JSON, every level):
// search words (an email, a name), tokens in a URL, Bearer keys (a created `cik_` key), session
// cookies and CSRF tokens, passwords in a body, a beneficiary's name, email and phone in a
// registration, a spreadsheet's contacts in an import. The routes of issues 14 to 16 with the
// older ones (sign-up, verification and magic links are in no-secrets-in-logs.spec.ts).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { startApiTest, type ApiTest } from '../../testing/test-app.js';
import { clientWithRole } from '../../testing/accounts.js';
import { uniqueIp } from './auth.test-helpers.js';
import { keysWorld } from '../api-keys/api-keys.test-helpers.js';
import { consent, personBody, registrationsWorld } from '../registrations/registrations.test-helpers.js';
import { goodRow, utf8Csv } from '../offer-import/offer-import.test-helpers.js';
import { JsonLogger } from '../../common/logging/app-logger.js';
import { ACCESS_LOG_CONTEXT } from '../../common/logging/access-log.js';
import { captureOutput, jsonRecords, type LogCapture } from '../../common/logging/log-capture.test-helpers.js';
import { makeFakeWebDir } from '../../testing/fake-web-app.js';

describe('no personal data nor secret in the logs', () => {
  let api: ApiTest;
  let capture: LogCapture;
  let webDir: string;

  before(async () => {
    webDir = makeFakeWebDir();
    api = await startApiTest({ webDir });
    api.t.app.useLogger(new JsonLogger(['error', 'warn', 'log', 'debug', 'verbose', 'fatal']));
    capture = captureOutput();
  });
  after(async () => {
    capture.restore();
    await api.close();
    rmSync(webDir, { recursive: true, force: true });
  });

  it('logs every request (a check of the check) and none of what was sent', async () => {
    const secrets: string[] = [];
    const http = api.t.http;
    const base = `/api/v1/tenants/${api.tenant.slug}`;
    const stamp = Date.now().toString(36);

    // Search words: an email and a name, in the query string.
    const searchedEmail = `recherche.${stamp}@exemple.fr`;
    const searchedName = `Gwendoline${stamp}`;
    secrets.push(searchedEmail, searchedName);
    await http
      .get(`${base}/offers`)
      .query({ q: `${searchedEmail} ${searchedName}` })
      .expect(200);

    // A reset token in a page's URL (the link of the email), and in an API body.
    const resetToken = `jeton-${stamp}-${'r'.repeat(20)}`;
    secrets.push(resetToken);
    await http.get(`/connexion/nouveau-mot-de-passe?jeton=${resetToken}`).expect(200);
    await http
      .post('/api/v1/auth/password-reset/confirm')
      .set('X-Forwarded-For', uniqueIp())
      .send({ token: resetToken, password: `Secret-${stamp}-reset` })
      .expect(400);
    secrets.push(`Secret-${stamp}-reset`);

    // A password in a body (a failed sign-in).
    const password = `Mot-De-Passe-${stamp}`;
    secrets.push(password);
    await http
      .post('/api/v1/auth/login')
      .set('X-Forwarded-For', uniqueIp())
      .send({ email: `inconnu.${stamp}@exemple.fr`, password })
      .expect(401);
    secrets.push(`inconnu.${stamp}@exemple.fr`);

    // API keys: the created key (cik_…), used as a Bearer token, and a wrong one.
    const keys = await keysWorld(api);
    secrets.push(keys.admin.cookie.split('=')[1]!, keys.admin.csrfToken);
    const key = await keys.create(`Clé ${stamp}`);
    assert.match(key.secret, /^cik_/);
    secrets.push(key.secret);
    await keys.withKey(key.secret, `${base}/offers`).expect(200);
    const wrongKey = `cik_${'f'.repeat(43)}`;
    secrets.push(wrongKey);
    assert.equal((await keys.withKey(wrongKey, `${base}/offers`)).status, 401);

    // A registration by a referent: the beneficiary's name, email and phone.
    const w = await registrationsWorld(api);
    secrets.push(w.referent.cookie.split('=')[1]!, w.referent.csrfToken);
    const o = await w.offer({ capacities: [5], access: 'prescription' });
    const person = personBody(w, {
      firstName: `Prénom${stamp}`,
      lastName: `Nomdefamille${stamp}`,
      email: `beneficiaire.${stamp}@exemple.fr`,
      phone: '06 98 76 54 32',
    });
    secrets.push(
      person.firstName as string,
      person.lastName as string,
      person.email as string,
      '06 98 76 54 32',
      '0698765432',
    );
    const reg = await w.referent.post(`${w.base}/offers/${o.id}/registrations`, {
      sessionId: o.sessions[0],
      person,
      consent,
    });
    assert.equal(reg.status, 201, JSON.stringify(reg.body));

    // A spreadsheet import whose lines carry a contact's email and phone (one valid, one not).
    const member = await clientWithRole(api.owner, http, api.tenant, 'structure_member', w.org);
    const contactEmail = `contact.${stamp}@exemple.fr`;
    secrets.push(contactEmail, '04 75 11 22 33', `pas-une-adresse-${stamp}`);
    const csv = utf8Csv([
      goodRow(w.communes[0]!.insee, `Atelier ${stamp}`, {
        contact_courriel: contactEmail,
        contact_telephone: '04 75 11 22 33',
      }),
      goodRow(w.communes[0]!.insee, `Atelier bis ${stamp}`, { contact_courriel: `pas-une-adresse-${stamp}` }),
    ]);
    const imported = await http
      .post(`${base}/organizations/${w.org}/offers/import`)
      .set('Cookie', member.cookie)
      .set('X-CSRF-Token', member.csrfToken)
      .field('dryRun', 'true')
      .attach('file', csv, 'offres.csv');
    assert.equal(imported.status, 200, JSON.stringify(imported.body));

    await new Promise((r) => setTimeout(r, 50)); // the last access line is written once the response has ended
    const access = jsonRecords(capture).filter((r) => r.context === ACCESS_LOG_CONTEXT);
    for (const route of [
      '/api/v1/tenants/:slug/offers',
      '<web-app>',
      '/api/v1/auth/login',
      '/api/v1/tenants/:slug/api-keys',
      '/api/v1/tenants/:slug/offers/:offerId/registrations',
      '/api/v1/tenants/:slug/organizations/:id/offers/import',
    ])
      assert.ok(
        access.some((r) => r.route === route),
        `no access line for ${route}: ${access.map((r) => r.route as string).join(', ')}`,
      );

    const text = capture.chunks.join('');
    for (const secret of secrets) assert.ok(!text.includes(secret), `the logs hold « ${secret.slice(0, 12)}… »`);
    for (const word of ['Bearer', 'Cookie', 'jeton=', '?q='])
      assert.ok(!text.includes(word), `the logs hold « ${word} »`);
  });
});
