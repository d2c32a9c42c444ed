// The role × route matrix, as data: every route the application serves has one case listing the
// status each role gets. Modules keep their cases beside their code (`<module>.access-cases.ts`)
// and list them in testing/all-access-cases.ts; access-matrix.spec.ts runs them all and fails on a route
// that has no case.
import type pg from 'pg';
import type { SignedInClient } from '../../testing/accounts.js';
import type { TestApp } from '../../testing/test-app.js';
import type { TestTenant } from '../../testing/test-database.js';

export const MATRIX_ROLES = [
  'anonymous',
  'beneficiary',
  /** structure_admin of the tenant's structure A (the "own" structure of the cases). */
  'org_admin',
  /** structure_member of A. */
  'org_member',
  /** structure_admin of structure B, same tenant. */
  'other_org',
  'agent',
  /** admin (and agent) of the tenant. */
  'admin',
  /** agent and admin of another tenant. */
  'other_agent',
  'platform_admin',
] as const;
export type MatrixRole = (typeof MATRIX_ROLES)[number];

export interface MatrixContext {
  t: TestApp;
  owner: pg.Client;
  tenant: TestTenant;
  otherTenant: TestTenant;
  /** Structure A (validated) and B (validated), in `tenant`. */
  orgA: string;
  orgB: string;
  commune: { insee: string; name: string; lat: number; lng: number };
  /** A published offer of A (not changed by any case). */
  publishedOffer: string;
  clients: Record<Exclude<MatrixRole, 'anonymous'>, SignedInClient>;
  /** A signed-in client of a new user with the role's grants (for calls that end sessions). */
  freshClient: (role: MatrixRole) => Promise<SignedInClient | null>;
}

export interface MatrixRequest {
  path: string;
  body?: object;
  /** Send with this client instead of the role's usual one (null: anonymous). */
  as?: SignedInClient | null;
  /** `path` is served at the root, not under /api/v1 (the demo mailbox). */
  absolute?: boolean;
  /** Send `file` as multipart (the `file` field) instead of a JSON body. */
  upload?: { file: Buffer; name: string };
}

export interface AccessCase {
  /** `METHOD /path/:param` exactly as the controller declares it (without /api/v1). */
  route: string;
  expect: Record<MatrixRole, number>;
  /** Builds one role's request; make fresh data here when the call changes state. Default: `route`'s path with `:slug` filled. */
  request?: (ctx: MatrixContext, role: MatrixRole) => Promise<MatrixRequest> | MatrixRequest;
}

/** The same status for every role (public routes, or routes whose answer does not depend on the role). */
export const everyone = (status: number): Record<MatrixRole, number> =>
  Object.fromEntries(MATRIX_ROLES.map((r) => [r, status])) as Record<MatrixRole, number>;

/** `base` for every signed-in role, 401 when anonymous, with per-role exceptions. */
export const signedIn = (
  base: number,
  exceptions: Partial<Record<MatrixRole, number>> = {},
): Record<MatrixRole, number> => ({
  ...everyone(base),
  anonymous: 401,
  ...exceptions,
});
