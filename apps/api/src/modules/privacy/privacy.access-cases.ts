import { signedIn, type AccessCase } from '../../common/access/access-cases.js';

export const PRIVACY_CASES: AccessCase[] = [
  { route: 'GET /me/export', expect: signedIn(200) },
  // Deleting ends the account: each role acts with an account of its own. A professional role refuses it.
  {
    route: 'DELETE /me',
    expect: signedIn(409, { beneficiary: 204 }),
    request: async (c, role) => ({ path: '/me', as: await c.freshClient(role) }),
  },
];
