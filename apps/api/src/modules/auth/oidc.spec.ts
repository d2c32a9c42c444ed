// Single sign-on against a real OpenID provider (oidc-provider, started here): the whole browser
// round trip done with fetch, through the provider's development login and consent forms.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type pg from 'pg';
import { sessionCookieName } from '../../common/auth/session-cookie.js';
import type { OidcSettings } from '../../config/settings.js';
import { makeUser } from '../../testing/accounts.js';
import { startTestApp, type TestApp } from '../../testing/test-app.js';
import { connect } from '../../testing/test-database.js';
import { cookieFrom, platformAudit, setCookies, uniqueEmail } from './auth.test-helpers.js';
import { hashPassword } from './password.js';

const REDIRECT_URI = 'http://localhost:3000/api/v1/auth/oidc/callback';
const CLIENT = { id: 'catalogue-test', secret: 'un-secret-de-client-assez-long-pour-le-test' };
const SIRET = '13002526500013';

interface ProviderLike {
  callback(): (req: IncomingMessage, res: ServerResponse) => void;
}
type ProviderClass = new (issuer: string, configuration: object) => ProviderLike;

/** The people the provider knows, by subject. */
const people = new Map<string, Record<string, unknown>>();

/** A minimal cookie jar for the provider's own cookies (paths ignored: one provider, one flow). */
class Jar {
  private readonly cookies = new Map<string, string>();
  store(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const pair = line.split(';')[0]!;
      const eq = pair.indexOf('=');
      const [name, value] = [pair.slice(0, eq), pair.slice(eq + 1)];
      if (!value || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

const decode = (s: string) =>
  s
    .replace(/&amp;/g, '&')
    .replace(/&#x2F;/g, '/')
    .replace(/&#x3D;/g, '=')
    .replace(/&quot;/g, '"');

/**
 * What a browser does at the provider: follows redirects, signs in as `subject` on the login form,
 * accepts the consent form (or aborts), until the provider sends it back to our callback.
 */
async function throughProvider(authorizeUrl: string, subject: string, o: { abort?: boolean } = {}): Promise<URL> {
  const jar = new Jar();
  let url = authorizeUrl;
  let body: string | undefined;
  for (let step = 0; step < 20; step++) {
    const res = await fetch(url, {
      method: body ? 'POST' : 'GET',
      body,
      redirect: 'manual',
      headers: { cookie: jar.header(), ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
    });
    jar.store(res);
    body = undefined;
    if (res.status >= 300 && res.status < 400) {
      const next = new URL(res.headers.get('location')!, url);
      if (next.href.startsWith(REDIRECT_URI)) return next;
      url = next.href;
      continue;
    }
    const html = await res.text();
    assert.equal(res.status, 200, `provider at ${url}: ${html.slice(0, 300)}`);
    if (o.abort) {
      const abort = /href="([^"]*\/abort)"/.exec(html);
      assert.ok(abort, 'an abort link');
      url = new URL(decode(abort[1]!), url).href;
      continue;
    }
    const action = /<form[^>]*action="([^"]+)"/.exec(html);
    const prompt = /name="prompt" value="([^"]+)"/.exec(html);
    assert.ok(action && prompt, `a form at ${url}`);
    const form = new URLSearchParams({ prompt: prompt[1]! });
    if (prompt[1] === 'login') {
      form.set('login', subject);
      form.set('password', 'peu-importe');
    }
    url = new URL(decode(action[1]!), url).href;
    body = form.toString();
  }
  throw new Error('the provider never sent the browser back');
}

describe('single sign-on (OpenID Connect) against a local provider', () => {
  let server: Server;
  let issuer: string;
  let t: TestApp;
  let owner: pg.Client;

  before(async () => {
    let handler: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.end();
    server = createServer((req, res) => handler(req, res));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // No type definitions ship with oidc-provider: imported through a variable name.
    const moduleName = 'oidc-provider';
    const { default: Provider } = (await import(moduleName)) as { default: ProviderClass };
    const provider = new Provider(issuer, {
      clients: [
        {
          client_id: CLIENT.id,
          client_secret: CLIENT.secret,
          redirect_uris: [REDIRECT_URI],
          grant_types: ['authorization_code'],
          response_types: ['code'],
          token_endpoint_auth_method: 'client_secret_post',
        },
      ],
      // ProConnect's scopes: each gives its claim, at the userinfo endpoint.
      claims: {
        openid: ['sub'],
        email: ['email'],
        given_name: ['given_name'],
        usual_name: ['usual_name'],
        siret: ['siret'],
      },
      findAccount: (_ctx: unknown, sub: string) => ({ accountId: sub, claims: () => ({ sub, ...people.get(sub) }) }),
      features: { devInteractions: { enabled: true } },
      cookies: { keys: ['cle-de-cookies-du-fournisseur-de-test'] },
    });
    handler = provider.callback();
    const oidc: OidcSettings = {
      issuer,
      clientId: CLIENT.id,
      clientSecret: CLIENT.secret,
      label: 'ProConnect (test)',
      scopes: 'openid email given_name usual_name siret',
    };
    t = await startTestApp({ settings: { oidc } });
    owner = await connect('owner');
  });
  after(async () => {
    await owner.end();
    await t.close();
    await new Promise((r) => server.close(r));
  });

  /** Starts at our login route, goes through the provider, comes back to our callback. */
  async function signOn(subject: string, o: { abort?: boolean; withoutStateCookie?: boolean } = {}) {
    const start = await t.http.get('/api/v1/auth/oidc/login');
    assert.equal(start.status, 302);
    const stateCookie = cookieFrom(setCookies(start), 'catalogue_oidc');
    assert.ok(stateCookie, 'the state is bound to the browser');
    const back = await throughProvider(start.headers.location as string, subject, o);
    const callback = t.http.get(`${back.pathname}${back.search}`);
    if (!o.withoutStateCookie) callback.set('Cookie', stateCookie);
    const res = await callback;
    return { start, back, res, stateCookie, session: cookieFrom(setCookies(res), sessionCookieName(false)) };
  }
  const me = (cookie: string) => t.http.get('/api/v1/me').set('Cookie', cookie);
  const person = (claims: Record<string, unknown>) => {
    const sub = `sub-${Math.random().toString(36).slice(2)}`;
    people.set(sub, claims);
    return sub;
  };

  it('says single sign-on is on, with its label', async () => {
    const res = await t.http.get('/api/v1/auth/oidc').expect(200);
    assert.deepEqual(res.body, { enabled: true, label: 'ProConnect (test)' });
  });

  it('sends the browser to the provider with PKCE, state and nonce kept server-side for 10 minutes', async () => {
    const res = await t.http.get('/api/v1/auth/oidc/login');
    assert.equal(res.status, 302);
    const to = new URL(res.headers.location as string);
    assert.equal(to.origin, issuer);
    assert.equal(to.searchParams.get('client_id'), CLIENT.id);
    assert.equal(to.searchParams.get('redirect_uri'), REDIRECT_URI);
    assert.equal(to.searchParams.get('response_type'), 'code');
    assert.equal(to.searchParams.get('scope'), 'openid email given_name usual_name siret');
    assert.equal(to.searchParams.get('code_challenge_method'), 'S256');
    assert.ok(to.searchParams.get('code_challenge'));
    assert.ok(to.searchParams.get('nonce'));
    const state = to.searchParams.get('state')!;
    const { rows } = await owner.query(
      `SELECT purpose, data, extract(epoch FROM expires_at - created_at) AS ttl FROM auth_token WHERE token_hash = encode(sha256(convert_to($1, 'UTF8')), 'hex')`,
      [state],
    );
    assert.equal(rows.length, 1);
    assert.equal(rows[0].purpose, 'oidc_state');
    assert.equal(Number(rows[0].ttl), 600);
    assert.equal(rows[0].data.nonce, to.searchParams.get('nonce'));
    assert.ok(rows[0].data.verifier);
    const line = setCookies(res).find((c) => c.startsWith('catalogue_oidc='))!;
    assert.match(line, /HttpOnly/i);
    assert.match(line, /SameSite=Lax/i);
  });

  it('creates a verified account without password, keeps the SIRET, opens a session and lands on /espace', async () => {
    const email = uniqueEmail('proconnect');
    const sub = person({ email: email.toUpperCase(), given_name: 'Camille', usual_name: 'Dupont', siret: SIRET });
    const { res, session } = await signOn(sub);
    assert.equal(res.status, 302);
    assert.equal(res.headers.location, '/espace');
    assert.ok(session, 'session cookie');
    const who = (await me(session).expect(200)).body;
    assert.equal(who.email, email);
    assert.equal(who.name, 'Camille Dupont');
    assert.equal(who.suggestedSiret, SIRET);
    const { rows } = await owner.query(
      `SELECT id, password_hash, email_verified_at, oidc_issuer, oidc_subject, oidc_siret FROM app_user WHERE email = $1`,
      [email],
    );
    assert.equal(rows.length, 1);
    assert.equal(rows[0].password_hash, null);
    assert.ok(rows[0].email_verified_at);
    assert.deepEqual([rows[0].oidc_issuer, rows[0].oidc_subject, rows[0].oidc_siret], [issuer, sub, SIRET]);

    // Again: the same account, found by its subject even after the address changed at the provider.
    people.set(sub, {
      email: uniqueEmail('nouvelle-adresse'),
      given_name: 'Camille',
      usual_name: 'Dupont',
      siret: '35600000000048',
    });
    const second = await signOn(sub);
    assert.equal(second.res.headers.location, '/espace');
    const again = (await me(second.session!).expect(200)).body;
    assert.equal(again.id, who.id);
    assert.equal(again.suggestedSiret, '35600000000048');
    const audit = await platformAudit(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'auth.oidc_login' AND actor_id = $1`,
      [who.id],
    );
    if (audit) assert.equal(audit[0]!.n, 2);
  });

  it('links an existing verified account of the same address (keeping its password)', async () => {
    const existing = await makeUser(owner, {
      email: uniqueEmail('existant'),
      passwordHash: await hashPassword('mot-de-passe-existant'),
      verified: true,
    });
    const sub = person({ email: existing.email, given_name: 'Dominique', usual_name: 'Martin' });
    const { res, session } = await signOn(sub);
    assert.equal(res.headers.location, '/espace');
    const who = (await me(session!).expect(200)).body;
    assert.equal(who.id, existing.id);
    assert.equal(who.suggestedSiret, null);
    const { rows } = await owner.query(`SELECT oidc_subject, password_hash FROM app_user WHERE id = $1`, [existing.id]);
    assert.equal(rows[0].oidc_subject, sub);
    assert.ok(rows[0].password_hash);
  });

  it('takes over an unverified account of the address: its unproven password is dropped', async () => {
    const squatted = await makeUser(owner, {
      email: uniqueEmail('non-verifie'),
      passwordHash: await hashPassword('mot-de-passe-d-un-intrus'),
      verified: false,
    });
    const sub = person({ email: squatted.email, given_name: 'Alix', usual_name: 'Bernard' });
    const { session } = await signOn(sub);
    assert.equal((await me(session!).expect(200)).body.id, squatted.id);
    const { rows } = await owner.query(`SELECT password_hash, email_verified_at FROM app_user WHERE id = $1`, [
      squatted.id,
    ]);
    assert.equal(rows[0].password_hash, null);
    assert.ok(rows[0].email_verified_at);
  });

  it('drops the session the browser came with (no fixation)', async () => {
    const first = await signOn(person({ email: uniqueEmail('fixation'), given_name: 'A', usual_name: 'B' }));
    const sub = person({ email: uniqueEmail('fixation'), given_name: 'C', usual_name: 'D' });
    const start = await t.http.get('/api/v1/auth/oidc/login');
    const state = cookieFrom(setCookies(start), 'catalogue_oidc')!;
    const back = await throughProvider(start.headers.location as string, sub);
    const res = await t.http.get(`${back.pathname}${back.search}`).set('Cookie', `${state}; ${first.session}`);
    assert.equal(res.headers.location, '/espace');
    await me(first.session!).expect(401);
  });

  it('sends back to /connexion?erreur=sso on a replayed answer, another browser, a refusal or no email', async () => {
    const ok = await signOn(person({ email: uniqueEmail('rejeu'), given_name: 'E', usual_name: 'F' }));
    assert.equal(ok.res.headers.location, '/espace');
    const replay = await t.http.get(`${ok.back.pathname}${ok.back.search}`).set('Cookie', ok.stateCookie!);
    assert.equal(replay.status, 302);
    assert.equal(replay.headers.location, '/connexion?erreur=sso');
    assert.equal(cookieFrom(setCookies(replay), sessionCookieName(false)), null);

    const otherBrowser = await signOn(
      person({ email: uniqueEmail('autre-navigateur'), given_name: 'G', usual_name: 'H' }),
      { withoutStateCookie: true },
    );
    assert.equal(otherBrowser.res.headers.location, '/connexion?erreur=sso');
    assert.equal(otherBrowser.session, null);

    const refused = await signOn(person({ email: uniqueEmail('refus') }), { abort: true });
    assert.equal(refused.back.searchParams.get('error'), 'access_denied');
    assert.equal(refused.res.headers.location, '/connexion?erreur=sso');

    const noEmail = await signOn(person({ given_name: 'Sans', usual_name: 'Adresse' }));
    assert.equal(noEmail.res.headers.location, '/connexion?erreur=sso');
    assert.equal(noEmail.session, null);

    const forged = await t.http
      .get('/api/v1/auth/oidc/callback?code=abc&state=xyz')
      .set('Cookie', 'catalogue_oidc=xyz');
    assert.equal(forged.headers.location, '/connexion?erreur=sso');
  });

  it('answers 404 on its routes, and enabled: false, when single sign-on is not configured', async () => {
    const off = await startTestApp();
    try {
      assert.deepEqual((await off.http.get('/api/v1/auth/oidc').expect(200)).body, { enabled: false, label: null });
      assert.equal((await off.http.get('/api/v1/auth/oidc/login')).status, 404);
      assert.equal((await off.http.get('/api/v1/auth/oidc/callback?code=a&state=b')).status, 404);
    } finally {
      await off.close();
    }
  });

  it('sends back to /connexion?erreur=sso when the provider cannot be reached', async () => {
    const down = await startTestApp({
      settings: {
        oidc: {
          issuer: 'http://127.0.0.1:9',
          clientId: 'x',
          clientSecret: 'y',
          label: 'Hors ligne',
          scopes: 'openid email',
        },
      },
    });
    try {
      const res = await down.http.get('/api/v1/auth/oidc/login');
      assert.equal(res.status, 302);
      assert.equal(res.headers.location, '/connexion?erreur=sso');
    } finally {
      await down.close();
    }
  });
});
