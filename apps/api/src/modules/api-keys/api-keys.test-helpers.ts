// Shared set-up of the API keys' tests: a tenant with an admin, an agent, and a key helper.
import type supertest from 'supertest';
import { clientWithRole, type SignedInClient } from '../../testing/accounts.js';
import type { ApiTest } from '../../testing/test-app.js';

export interface KeysWorld {
  base: string;
  admin: SignedInClient;
  agent: SignedInClient;
  /** Creates a key as the admin and returns its answer (with the secret). */
  create: (name?: string) => Promise<{ id: string; secret: string; prefix: string }>;
  /** A GET with only the key (no cookie). */
  withKey: (secret: string, path: string) => supertest.Test;
}

export async function keysWorld(api: ApiTest): Promise<KeysWorld> {
  const http = api.t.http;
  const admin = await clientWithRole(api.owner, http, api.tenant, 'admin');
  const agent = await clientWithRole(api.owner, http, api.tenant, 'agent');
  const base = `/api/v1/tenants/${api.tenant.slug}`;
  return {
    base,
    admin,
    agent,
    create: async (name = 'Tableau de bord') => {
      const res = await admin.post(`${base}/api-keys`, { name });
      if (res.status !== 201) throw new Error(`key creation: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    },
    withKey: (secret, path) => http.get(path).set('Authorization', `Bearer ${secret}`),
  };
}
