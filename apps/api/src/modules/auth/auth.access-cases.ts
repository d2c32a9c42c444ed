import { randomUUID } from 'node:crypto';
import { everyone, signedIn, type AccessCase } from '../../common/access/access-cases.js';

/** A fresh address per call: per-address rate limits never mix cells. */
const someone = () => `personne-${randomUUID().slice(0, 8)}@nulle-part.test`;
const UNKNOWN_TOKEN = 'jeton-inconnu-qui-ne-correspond-a-rien-du-tout';

export const AUTH_CASES: AccessCase[] = [
  // A wrong password for everyone: the answer never depends on who asks.
  {
    route: 'POST /auth/login',
    expect: everyone(401),
    request: () => ({
      path: '/auth/login',
      body: { email: 'personne@nulle-part.test', password: 'mauvais-mot-de-passe' },
    }),
  },
  {
    route: 'POST /auth/logout',
    expect: everyone(204),
    request: async (c, role) => ({ path: '/auth/logout', as: await c.freshClient(role) }),
  },
  {
    route: 'POST /auth/logout-everywhere',
    expect: signedIn(204),
    request: async (c, role) => ({ path: '/auth/logout-everywhere', as: await c.freshClient(role) }),
  },
  { route: 'GET /me', expect: signedIn(200) },
  // Account flows are public and answer the same to everyone: 202 for requests, 400 for a token that matches nothing.
  {
    route: 'POST /auth/register',
    expect: everyone(202),
    request: () => ({
      path: '/auth/register',
      body: { email: someone(), password: 'une-phrase-de-passe-longue', name: 'Camille Martin' },
    }),
  },
  {
    route: 'POST /auth/register-beneficiary',
    expect: everyone(202),
    request: (c) => ({
      path: '/auth/register-beneficiary',
      body: { email: someone(), name: 'Camille Martin', tenant: c.tenant.slug },
    }),
  },
  {
    route: 'POST /auth/verify-email',
    expect: everyone(400),
    request: () => ({ path: '/auth/verify-email', body: { token: UNKNOWN_TOKEN } }),
  },
  {
    route: 'POST /auth/password-reset',
    expect: everyone(202),
    request: () => ({ path: '/auth/password-reset', body: { email: someone() } }),
  },
  {
    route: 'POST /auth/password-reset/confirm',
    expect: everyone(400),
    request: () => ({
      path: '/auth/password-reset/confirm',
      body: { token: UNKNOWN_TOKEN, password: 'une-phrase-de-passe-longue' },
    }),
  },
  {
    route: 'POST /auth/magic-link',
    expect: everyone(202),
    request: () => ({ path: '/auth/magic-link', body: { email: someone() } }),
  },
  {
    route: 'POST /auth/magic-link/confirm',
    expect: everyone(400),
    request: () => ({ path: '/auth/magic-link/confirm', body: { token: UNKNOWN_TOKEN } }),
  },
  // Single sign-on is not configured in the matrix's app: its button says so, its routes do not exist.
  { route: 'GET /auth/oidc', expect: everyone(200) },
  { route: 'GET /auth/oidc/login', expect: everyone(404) },
  { route: 'GET /auth/oidc/callback', expect: everyone(404) },
];
