// Accounts for tests: users, memberships and signed-in HTTP clients. Sessions are opened straight
// in the database (as the login does, without paying argon2 for each test); the login route
// itself has its own tests.
import type pg from 'pg';
import { randomUUID } from 'node:crypto';
import type supertest from 'supertest';
import { hashToken, newToken, sessionCookieName } from '../common/auth/session-cookie.js';
import { inTenantTransaction } from '../database/catalogue-writer.js';
import type { TestTenant } from './test-database.js';

export type TestRole = 'admin' | 'agent' | 'structure_admin' | 'structure_member' | 'beneficiary';

export interface TestUser {
  id: string;
  email: string;
}

export async function makeUser(
  owner: pg.Client,
  o: { email?: string; name?: string; platformAdmin?: boolean; passwordHash?: string | null; verified?: boolean } = {},
): Promise<TestUser> {
  const email = (o.email ?? `u-${randomUUID().slice(0, 12)}@test.local`).toLowerCase();
  const { rows } = await owner.query<{ id: string }>(
    `INSERT INTO app_user (email, name, password_hash, email_verified_at, platform_admin) VALUES ($1, $2, $3, CASE WHEN $4 THEN now() END, $5) RETURNING id`,
    [email, o.name ?? 'Personne de test', o.passwordHash ?? null, o.verified ?? true, o.platformAdmin ?? false],
  );
  return { id: rows[0]!.id, email };
}

export async function addMembership(
  owner: pg.Client,
  tenant: Pick<TestTenant, 'id'>,
  userId: string,
  role: TestRole,
  organizationId: string | null = null,
  status: 'active' | 'pending' = 'active',
): Promise<string> {
  return inTenantTransaction(owner, tenant.id, async () => {
    const { rows } = await owner.query<{ id: string }>(
      `INSERT INTO membership (tenant_id, user_id, role, organization_id, status) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [tenant.id, userId, role, organizationId, status],
    );
    return rows[0]!.id;
  });
}

/** An HTTP client carrying a session cookie and its CSRF token on every state-changing request. */
export class SignedInClient {
  constructor(
    private readonly http: ReturnType<typeof supertest>,
    readonly user: TestUser,
    readonly cookie: string,
    readonly csrfToken: string,
  ) {}

  get(path: string) {
    return this.http.get(path).set('Cookie', this.cookie);
  }
  post(path: string, body?: object) {
    return this.http
      .post(path)
      .set('Cookie', this.cookie)
      .set('X-CSRF-Token', this.csrfToken)
      .send(body ?? {});
  }
  patch(path: string, body?: object) {
    return this.http
      .patch(path)
      .set('Cookie', this.cookie)
      .set('X-CSRF-Token', this.csrfToken)
      .send(body ?? {});
  }
  put(path: string, body?: object) {
    return this.http
      .put(path)
      .set('Cookie', this.cookie)
      .set('X-CSRF-Token', this.csrfToken)
      .send(body ?? {});
  }
  delete(path: string) {
    return this.http.delete(path).set('Cookie', this.cookie).set('X-CSRF-Token', this.csrfToken);
  }
  /** Any method, for tables of routes. */
  request(method: string, path: string, body?: object) {
    const m = method.toLowerCase() as 'get' | 'post' | 'patch' | 'put' | 'delete';
    return m === 'get' ? this.get(path) : m === 'delete' ? this.delete(path) : this[m](path, body);
  }
}

/** Opens a session for `user` directly in the database and returns a client that uses it. */
export async function signedIn(
  owner: pg.Client,
  http: ReturnType<typeof supertest>,
  user: TestUser,
  idleSeconds = 8 * 3600,
): Promise<SignedInClient> {
  const token = newToken();
  const csrf = newToken();
  await owner.query(
    `INSERT INTO user_session (id, user_id, csrf_token, idle_seconds, expires_at) VALUES ($1, $2, $3, $4, now() + interval '1 day')`,
    [hashToken(token), user.id, csrf, idleSeconds],
  );
  return new SignedInClient(http, user, `${sessionCookieName(false)}=${token}`, csrf);
}

/** A user holding `role` in `tenant` (of `organizationId` for structure roles), signed in. */
export async function clientWithRole(
  owner: pg.Client,
  http: ReturnType<typeof supertest>,
  tenant: Pick<TestTenant, 'id'>,
  role: TestRole,
  organizationId: string | null = null,
): Promise<SignedInClient> {
  const user = await makeUser(owner);
  await addMembership(owner, tenant, user.id, role, organizationId);
  return signedIn(owner, http, user);
}
