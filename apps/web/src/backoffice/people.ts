// Who is who in the back office's lists (pure, unit-tested in node): one line per structure or
// per person, whatever number of roles they hold.
import type { MeMembership, MembershipRole, StaffMember, StaffRole } from '@catalogue/contracts';

export const ROLE_LABELS: Record<MembershipRole, string> = {
  admin: 'Administrateur du département',
  agent: 'Agent du département',
  structure_admin: 'Administrateur de la structure',
  structure_member: 'Membre de la structure',
  referent: 'Référent (structure prescriptrice)',
  beneficiary: 'Bénéficiaire',
};

export interface MyStructure {
  organizationId: string;
  name: string;
  roles: MembershipRole[];
}

/**
 * The structures of a person's active memberships, once each: /me lists a referent of a
 * prescriber structure both as its member and as « référent », which is one structure, two roles.
 */
export function structuresOf(memberships: MeMembership[]): MyStructure[] {
  const byId = new Map<string, MyStructure>();
  for (const m of memberships) {
    if (m.status !== 'active' || !m.organizationId) continue;
    const s = byId.get(m.organizationId) ?? {
      organizationId: m.organizationId,
      name: m.organizationName ?? 'Structure',
      roles: [],
    };
    if (!s.roles.includes(m.role)) s.roles.push(m.role);
    byId.set(m.organizationId, s);
  }
  return [...byId.values()];
}

/** « Administrateur et agent », « Agent »… */
export function staffRolesLabel(roles: StaffMember['roles']): string {
  const has = (r: StaffRole) => roles.some((x) => x.role === r);
  if (has('admin') && has('agent')) return 'Administrateur et agent';
  return has('admin') ? 'Administrateur' : 'Agent';
}

/** The membership to remove to take the admin role away while the person stays agent (null: not both). */
export function adminRoleToDrop(roles: StaffMember['roles']): string | null {
  const admin = roles.find((r) => r.role === 'admin');
  return admin && roles.some((r) => r.role === 'agent') ? admin.membershipId : null;
}
