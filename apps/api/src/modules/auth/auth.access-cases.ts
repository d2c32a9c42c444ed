import { everyone, signedIn, type AccessCase } from '../../common/access/access-cases.js';

export const AUTH_CASES: AccessCase[] = [
  // A wrong password for everyone: the answer never depends on who asks.
  { route: 'POST /auth/login', expect: everyone(401), request: () => ({ path: '/auth/login', body: { email: 'personne@nulle-part.test', password: 'mauvais-mot-de-passe' } }) },
  { route: 'POST /auth/logout', expect: everyone(204), request: async (c, role) => ({ path: '/auth/logout', as: await c.freshClient(role) }) },
  { route: 'POST /auth/logout-everywhere', expect: signedIn(204), request: async (c, role) => ({ path: '/auth/logout-everywhere', as: await c.freshClient(role) }) },
  { route: 'GET /me', expect: signedIn(200) },
];
