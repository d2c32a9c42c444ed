// Who may manage the tenant's API keys: its admins only; its agents and the structures' people are
// refused (403), anyone else (another département, the platform, a person) sees nothing (404).
import { signedIn, type AccessCase, type MatrixContext, type MatrixRole } from '../../common/access/access-cases.js';
import { inTenantTransaction } from '../../database/catalogue-writer.js';

const adminsOnly = (ok: number): Record<MatrixRole, number> =>
  signedIn(403, { admin: ok, other_agent: 404, platform_admin: 404 });

/** A fresh active key of the tenant, made in the database (each revocation needs its own). */
async function freshKey(c: MatrixContext): Promise<string> {
  return inTenantTransaction(c.owner, c.tenant.id, async () => {
    const { rows } = await c.owner.query<{ id: string }>(
      `INSERT INTO api_key (tenant_id, name, prefix, secret_hash) VALUES ($1, 'Matrice', 'cik_matrix', md5(random()::text) || md5(random()::text)) RETURNING id`,
      [c.tenant.id],
    );
    return rows[0]!.id;
  });
}

export const API_KEYS_CASES: AccessCase[] = [
  { route: 'GET /tenants/:slug/api-keys', expect: adminsOnly(200) },
  {
    route: 'POST /tenants/:slug/api-keys',
    expect: adminsOnly(201),
    request: (c) => ({ path: `/tenants/${c.tenant.slug}/api-keys`, body: { name: 'Clé de la matrice' } }),
  },
  {
    route: 'POST /tenants/:slug/api-keys/:id/revoke',
    expect: adminsOnly(200),
    request: async (c) => ({ path: `/tenants/${c.tenant.slug}/api-keys/${await freshKey(c)}/revoke` }),
  },
];
