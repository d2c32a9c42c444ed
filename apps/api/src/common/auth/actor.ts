import type { Request } from 'express';

/** A role held in one tenant, as loaded with the session (active and pending alike). */
export interface ActorMembership {
  membershipId: string;
  tenantId: string;
  tenantSlug: string;
  tenantName: string;
  role: 'admin' | 'agent' | 'structure_admin' | 'structure_member' | 'beneficiary';
  organizationId: string | null;
  organizationName: string | null;
  /** The structure is marked as prescriber: its members are referents. */
  prescriber: boolean;
  /** The structure's own validation state (null for département roles). */
  organizationStatus: 'pending' | 'validated' | 'rejected' | null;
  status: 'pending' | 'active' | 'refused';
}

/** The API key a machine calls with (its tenant is the only one it may read). */
export interface ActorApiKey {
  id: string;
  tenantId: string;
  name: string;
  prefix: string;
}

/**
 * Who is calling: the signed-in user of the request's session, or a machine with an API key
 * (`apiKey` set, `userId` empty, no memberships: the policy decides its rule first).
 */
export interface Actor {
  userId: string;
  email: string;
  name: string;
  platformAdmin: boolean;
  sessionId: string;
  csrfToken: string;
  oidcSiret: string | null;
  memberships: ActorMembership[];
  apiKey?: ActorApiKey;
}

export type ActorRequest = Request & { actor?: Actor | null; sessionToken?: string | null };
