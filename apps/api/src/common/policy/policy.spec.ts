// The permission policy, rule by rule (pure: no database).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Actor, ActorMembership } from '../auth/actor.js';
import { capabilitiesOf } from './capabilities.js';
import {
  DEPARTMENT_ROLES,
  STRUCTURE_ROLES,
  decide,
  isBeneficiary,
  isProfessional,
  isProfessionalIn,
  isReferent,
  rolesAllowed,
  staffRolesOf,
} from './policy.js';

const T = 'tenant-a';
const OTHER = 'tenant-b';

export function actor(memberships: Partial<ActorMembership>[] = [], platformAdmin = false): Actor {
  return {
    userId: 'u',
    email: 'u@test.local',
    name: 'U',
    platformAdmin,
    sessionId: 's',
    csrfToken: 'c',
    oidcSiret: null,
    memberships: memberships.map((m, i) => ({
      membershipId: `m${i}`,
      tenantId: T,
      tenantSlug: 'a',
      tenantName: 'A',
      role: 'beneficiary',
      organizationId: null,
      organizationName: null,
      prescriber: false,
      organizationStatus: null,
      status: 'active',
      ...m,
    })),
  };
}

describe('policy: the basics', () => {
  it('asks a signed-out visitor to sign in for anything', () => {
    assert.equal(decide(null, 'offer.read', { tenantId: T }), 'unauthenticated');
  });

  it('only lets a platform admin create a tenant, and gives them nothing inside one', () => {
    assert.equal(decide(actor([], true), 'tenant.create', { tenantId: T }), 'allow');
    assert.equal(decide(actor([{ role: 'admin' }]), 'tenant.create', { tenantId: T }), 'forbidden');
    assert.equal(decide(actor([], true), 'moderation.read', { tenantId: T }), 'hidden');
    assert.equal(decide(actor([], true), 'offer.read', { tenantId: T, organizationId: 'o' }), 'hidden');
  });

  it('hides a tenant back office from an agent of another tenant (404, like a missing object)', () => {
    const otherAgent = actor([{ role: 'agent', tenantId: OTHER }]);
    for (const action of [
      'moderation.read',
      'dashboard.read',
      'organization.validate',
      'audit.read',
      'offer.moderate',
    ] as const) {
      assert.equal(decide(otherAgent, action, { tenantId: T, organizationId: 'o' }), 'hidden', action);
    }
  });

  it('lets agents moderate and members edit, never the other way round', () => {
    const agent = actor([{ role: 'agent' }]);
    const member = actor([{ role: 'structure_member', organizationId: 'o', organizationStatus: 'validated' }]);
    assert.equal(decide(agent, 'offer.moderate', { tenantId: T, organizationId: 'o' }), 'allow');
    assert.equal(decide(member, 'offer.moderate', { tenantId: T, organizationId: 'o' }), 'forbidden');
    assert.equal(
      decide(member, 'offer.edit', { tenantId: T, organizationId: 'o', organizationStatus: 'validated' }),
      'allow',
    );
    assert.equal(
      decide(agent, 'offer.edit', { tenantId: T, organizationId: 'o', organizationStatus: 'validated' }),
      'forbidden',
    );
  });

  it("hides structure B's offers from a member of structure A", () => {
    const member = actor([{ role: 'structure_admin', organizationId: 'a' }]);
    for (const action of ['offer.read', 'offer.edit', 'offer.submit', 'offer.archive', 'organization.read'] as const) {
      assert.equal(
        decide(member, action, { tenantId: T, organizationId: 'b', organizationStatus: 'validated' }),
        'hidden',
        action,
      );
    }
  });

  it('refuses offers to a structure that is not validated yet', () => {
    const member = actor([{ role: 'structure_admin', organizationId: 'o' }]);
    assert.equal(
      decide(member, 'offer.create', { tenantId: T, organizationId: 'o', organizationStatus: 'pending' }),
      'forbidden',
    );
  });

  it('gives nothing to a pending membership (an access request)', () => {
    const pending = actor([{ role: 'structure_member', organizationId: 'o', status: 'pending' }]);
    assert.equal(decide(pending, 'offer.read', { tenantId: T, organizationId: 'o' }), 'hidden');
  });

  it('reserves the audit log and settings to the département admins', () => {
    assert.equal(decide(actor([{ role: 'admin' }]), 'audit.read', { tenantId: T }), 'allow');
    assert.equal(decide(actor([{ role: 'agent' }]), 'audit.read', { tenantId: T }), 'forbidden');
    assert.equal(decide(actor([{ role: 'beneficiary' }]), 'tenant.settings', { tenantId: T }), 'forbidden');
  });
});

describe('policy: structures and their members', () => {
  const org = (status: 'pending' | 'validated' | 'rejected' = 'validated') => ({
    tenantId: T,
    organizationId: 'o',
    organizationStatus: status,
  });
  const admin = actor([{ role: 'structure_admin', organizationId: 'o' }]);
  const member = actor([{ role: 'structure_member', organizationId: 'o' }]);
  const agent = actor([{ role: 'agent' }]);

  it('lets anyone signed in create or join a structure', () => {
    for (const a of [actor(), actor([], true), actor([{ role: 'agent', tenantId: OTHER }])]) {
      assert.equal(decide(a, 'organization.create', { tenantId: T }), 'allow');
      assert.equal(decide(a, 'organization.join', org()), 'allow');
    }
    assert.equal(decide(null, 'organization.create', { tenantId: T }), 'unauthenticated');
  });

  it('shows a structure’s back office to its members and the agents, whatever its status', () => {
    for (const a of [admin, member, agent]) assert.equal(decide(a, 'organization.read', org('pending')), 'allow');
    assert.equal(
      decide(actor([{ role: 'structure_admin', organizationId: 'other' }]), 'organization.read', org()),
      'hidden',
    );
    assert.equal(decide(actor([{ role: 'agent', tenantId: OTHER }]), 'organization.read', org()), 'hidden');
    assert.equal(
      decide(actor([{ role: 'structure_member', organizationId: 'o', status: 'refused' }]), 'organization.read', org()),
      'hidden',
    );
  });

  it('lets its admins and the agents edit; its members manage nothing; only its admins manage members', () => {
    assert.equal(decide(admin, 'organization.edit', org()), 'allow');
    assert.equal(decide(agent, 'organization.edit', org()), 'allow');
    assert.equal(decide(member, 'organization.edit', org()), 'forbidden');
    assert.equal(decide(admin, 'organization.members.manage', org()), 'allow');
    assert.equal(decide(member, 'organization.members.manage', org()), 'forbidden');
    assert.equal(decide(agent, 'organization.members.manage', org()), 'forbidden');
  });

  it('leaves the decision on a structure, the list and the export to the agents', () => {
    for (const action of ['organization.validate', 'organization.list', 'export.read'] as const) {
      assert.equal(decide(agent, action, org('pending')), 'allow', action);
      assert.equal(decide(admin, action, org('pending')), 'forbidden', action);
      assert.equal(decide(actor([{ role: 'agent', tenantId: OTHER }]), action, org('pending')), 'hidden', action);
    }
  });
});

describe('policy: département administration (staff, settings, audit log)', () => {
  const actions = ['tenant.staff.manage', 'tenant.settings', 'audit.read'] as const;

  it('lets an active admin of the tenant in, and only them', () => {
    for (const action of actions) {
      assert.equal(decide(actor([{ role: 'admin' }]), action, { tenantId: T }), 'allow', action);
      assert.equal(decide(actor([{ role: 'agent' }]), action, { tenantId: T }), 'forbidden', action);
      assert.equal(
        decide(actor([{ role: 'structure_admin', organizationId: 'o' }]), action, { tenantId: T }),
        'forbidden',
        action,
      );
    }
  });

  it('hides the tenant from another tenant’s admin, a platform admin and a pending admin', () => {
    for (const action of actions) {
      assert.equal(decide(actor([{ role: 'admin', tenantId: OTHER }]), action, { tenantId: T }), 'hidden', action);
      assert.equal(decide(actor([], true), action, { tenantId: T }), 'hidden', action);
      assert.equal(decide(actor([{ role: 'admin', status: 'pending' }]), action, { tenantId: T }), 'hidden', action);
    }
  });
});

describe('policy: four eyes (« double validation »)', () => {
  const me = 'u'; // the actor's user id in actor()
  const agent = actor([{ role: 'agent' }]);
  const approvals = ['organization.validate', 'organization.change.accept', 'offer.publish'] as const;
  const on = (facts: { createdBy?: string | null; lastEditedBy?: string | null }) => ({
    tenantId: T,
    organizationId: 'o',
    fourEyes: true,
    ...facts,
  });

  it('refuses an agent the approval of what they created or last edited, when the setting is on', () => {
    for (const action of approvals) {
      assert.equal(decide(agent, action, on({ createdBy: me, lastEditedBy: 'someone' })), 'four_eyes', action);
      assert.equal(decide(agent, action, on({ createdBy: 'someone', lastEditedBy: me })), 'four_eyes', action);
      assert.equal(decide(agent, action, on({ createdBy: 'someone', lastEditedBy: 'another' })), 'allow', action);
      assert.equal(decide(agent, action, on({ createdBy: null, lastEditedBy: null })), 'allow', action);
    }
  });

  it('lets an agent approve their own work when the setting is off', () => {
    for (const action of approvals) {
      assert.equal(
        decide(agent, action, { tenantId: T, organizationId: 'o', fourEyes: false, createdBy: me, lastEditedBy: me }),
        'allow',
        action,
      );
      assert.equal(
        decide(agent, action, { tenantId: T, organizationId: 'o', createdBy: me }),
        'allow',
        `${action}, setting unknown`,
      );
    }
  });

  it('never blocks a refusal, a request for changes or a withdrawal, and never turns a refusal into an approval', () => {
    for (const action of ['organization.reject', 'organization.change.refuse', 'offer.moderate'] as const) {
      assert.equal(decide(agent, action, on({ createdBy: me, lastEditedBy: me })), 'allow', action);
    }
    const structureAdmin = actor([{ role: 'structure_admin', organizationId: 'o' }]);
    assert.equal(decide(structureAdmin, 'organization.change.withdraw', on({ createdBy: me })), 'allow');
    assert.equal(decide(structureAdmin, 'organization.change.accept', on({ createdBy: 'someone' })), 'forbidden');
    assert.equal(decide(structureAdmin, 'offer.publish', on({ createdBy: 'someone' })), 'forbidden');
    assert.equal(decide(actor([{ role: 'agent', tenantId: OTHER }]), 'offer.publish', on({ createdBy: me })), 'hidden');
  });

  it('keeps identity changes to the agents and their withdrawal to the structure’s admins', () => {
    const member = actor([{ role: 'structure_member', organizationId: 'o' }]);
    const stranger = actor([{ role: 'beneficiary' }]);
    assert.equal(decide(agent, 'organization.change.refuse', { tenantId: T, organizationId: 'o' }), 'allow');
    assert.equal(decide(member, 'organization.change.refuse', { tenantId: T, organizationId: 'o' }), 'forbidden');
    assert.equal(decide(agent, 'organization.change.withdraw', { tenantId: T, organizationId: 'o' }), 'forbidden');
    assert.equal(decide(member, 'organization.change.withdraw', { tenantId: T, organizationId: 'o' }), 'forbidden');
    assert.equal(decide(stranger, 'organization.change.withdraw', { tenantId: T, organizationId: 'o' }), 'hidden');
  });
});

describe('policy: referents and beneficiaries (registrations)', () => {
  const prescriberMember = (over: Partial<ActorMembership> = {}) =>
    actor([
      {
        role: 'structure_member',
        organizationId: 'o',
        prescriber: true,
        organizationStatus: 'validated',
        ...over,
      },
    ]);
  const offer = { tenantId: T, organizationId: 'x' };

  it('lets a referent prescribe: a member of a validated prescriber structure, or an agent or admin', () => {
    for (const a of [prescriberMember(), prescriberMember({ role: 'structure_admin' }), actor([{ role: 'agent' }])]) {
      assert.equal(isReferent(a, T), true);
      assert.equal(decide(a, 'registration.prescribe', offer), 'allow');
    }
    assert.equal(decide(actor([{ role: 'admin' }]), 'registration.prescribe', offer), 'allow');
  });

  it('refuses to prescribe to a member of a structure that is not a prescriber, pending or not validated', () => {
    for (const a of [
      prescriberMember({ prescriber: false }),
      prescriberMember({ status: 'pending' }),
      prescriberMember({ organizationStatus: 'pending' }),
      prescriberMember({ tenantId: OTHER }),
      actor([{ role: 'agent', tenantId: OTHER }]),
      actor([{ role: 'beneficiary' }]),
      actor([], true),
    ]) {
      assert.equal(isReferent(a, T), false);
      assert.equal(decide(a, 'registration.prescribe', offer), 'forbidden');
    }
    assert.equal(decide(null, 'registration.prescribe', offer), 'unauthenticated');
  });

  it('lets a beneficiary register themself: signed in, with no professional role in the tenant', () => {
    for (const a of [actor(), actor([{ role: 'beneficiary' }]), actor([{ role: 'agent', tenantId: OTHER }])]) {
      assert.equal(isBeneficiary(a, T), true);
      assert.equal(decide(a, 'registration.self', { ...offer, offerAccess: 'self_registration' }), 'allow');
    }
    assert.equal(
      decide(actor([{ role: 'structure_member', organizationId: 'o', status: 'pending' }]), 'registration.self', offer),
      'allow',
    );
  });

  it('refuses a self-registration to professionals of the tenant, platform admins, and on a prescription-only offer', () => {
    for (const a of [actor([{ role: 'agent' }]), prescriberMember({ prescriber: false }), actor([], true)]) {
      assert.equal(isBeneficiary(a, T), false);
      assert.equal(decide(a, 'registration.self', offer), 'forbidden');
    }
    assert.equal(decide(actor(), 'registration.self', { ...offer, offerAccess: 'prescription' }), 'forbidden');
    assert.equal(decide(null, 'registration.self', offer), 'unauthenticated');
  });

  it('lets an account be deleted by its owner, not while it holds a professional role (active)', () => {
    for (const a of [actor(), actor([{ role: 'beneficiary' }]), actor([{ role: 'agent', status: 'pending' }])])
      assert.equal(decide(a, 'account.delete', { tenantId: '' }), 'allow');
    for (const a of [
      actor([{ role: 'structure_member', organizationId: 'o' }]),
      actor([{ role: 'agent', tenantId: OTHER }]),
      actor([{ role: 'beneficiary' }, { role: 'admin' }]),
      actor([], true),
    ]) {
      assert.equal(decide(a, 'account.delete', { tenantId: '' }), 'forbidden');
      assert.equal(capabilitiesOf(a).account.deleteAccount, false);
    }
    assert.equal(capabilitiesOf(actor([{ role: 'beneficiary' }])).account.deleteAccount, true);
    assert.equal(decide(null, 'account.delete', { tenantId: '' }), 'unauthenticated');
  });

  it('tells apart professionals (any role but beneficiary, or platform admin) for the idle expiry', () => {
    assert.equal(isProfessional(actor([{ role: 'structure_member', organizationId: 'o' }])), true);
    assert.equal(isProfessional(actor([], true)), true);
    assert.equal(isProfessional(actor([{ role: 'beneficiary' }])), false);
    assert.equal(isProfessional(actor([{ role: 'agent', status: 'pending' }])), false);
    assert.equal(isProfessionalIn(actor([{ role: 'agent', tenantId: OTHER }]), T), false);
  });
});

describe('policy: the roles SQL asks for', () => {
  it('names the roles holding a permission, as decide rules them', () => {
    assert.deepEqual(rolesAllowed('offer.moderate'), ['admin', 'agent']);
    assert.deepEqual(rolesAllowed('tenant.staff.manage'), ['admin']);
    assert.deepEqual(rolesAllowed('offer.edit'), ['structure_admin', 'structure_member']);
    assert.deepEqual(rolesAllowed('organization.members.manage'), ['structure_admin']);
    assert.deepEqual(rolesAllowed('registration.self'), ['beneficiary']);
  });

  it('keeps its role lists consistent with the rules', () => {
    assert.deepEqual([...DEPARTMENT_ROLES].sort(), [...rolesAllowed('moderation.read')].sort());
    assert.deepEqual([...STRUCTURE_ROLES].sort(), [...rolesAllowed('offer.submit')].sort());
  });
});

describe('capabilities (GET /me)', () => {
  it('tells a département admin everything of the back office, and a structure admin their structure', () => {
    const a = actor([
      { role: 'admin' },
      { role: 'agent' },
      {
        role: 'structure_admin',
        organizationId: 'o',
        organizationStatus: 'validated',
        tenantId: OTHER,
        tenantSlug: 'b',
      },
    ]);
    const caps = capabilitiesOf(a);
    assert.deepEqual(
      caps.tenants.map((t) => t.tenant),
      ['a', 'b'],
    );
    const [inA, inB] = caps.tenants;
    assert.deepEqual(inA!.capabilities, {
      moderateOffers: true,
      reviewStructures: true,
      editStructures: true,
      readDashboard: true,
      exportCsv: true,
      manageSettings: true,
      manageStaff: true,
      readAudit: true,
      prescribe: true,
      registerSelf: false,
      editPlan: true,
      manageCalls: true,
      assignInstructors: true,
      manageAgreements: true,
      reviewBilans: true,
      readIndicators: true,
      editReport: true,
      importDataInclusion: true,
      manageApiKeys: true,
    });
    assert.deepEqual(inA!.structures, []);
    assert.equal(inB!.capabilities.moderateOffers, false);
    assert.equal(inB!.capabilities.registerSelf, false);
    assert.deepEqual(inB!.structures, [
      {
        organizationId: 'o',
        capabilities: {
          editStructure: true,
          manageMembers: true,
          withdrawChange: true,
          readOffers: true,
          editOffers: true,
          manageRegistrations: true,
          applyToCalls: true,
          fileBilans: true,
          importOffers: true,
        },
      },
    ]);
    assert.equal(caps.platform.createTenants, false);
    assert.equal(caps.otherTenants.registerSelf, true);
    assert.equal(caps.otherTenants.moderateOffers, false);
  });

  it('lets a member of a pending structure read its offers but not edit them, and lists no pending membership', () => {
    const caps = capabilitiesOf(
      actor([
        { role: 'structure_member', organizationId: 'o', organizationStatus: 'pending' },
        { role: 'structure_admin', organizationId: 'p', status: 'pending' },
      ]),
    );
    assert.deepEqual(caps.tenants[0]!.structures, [
      {
        organizationId: 'o',
        capabilities: {
          editStructure: false,
          manageMembers: false,
          withdrawChange: false,
          readOffers: true,
          editOffers: false,
          manageRegistrations: true,
          applyToCalls: false,
          fileBilans: true,
          importOffers: false,
        },
      },
    ]);
  });

  it('lets a platform admin create tenants and nothing inside one', () => {
    const caps = capabilitiesOf(actor([], true));
    assert.equal(caps.platform.createTenants, true);
    assert.deepEqual(caps.tenants, []);
    assert.equal(Object.values(caps.otherTenants).some(Boolean), false);
  });
});

describe('policy: staff grants', () => {
  it('gives an admin the agent membership too, so that taking the admin role away leaves an agent', () => {
    assert.deepEqual(staffRolesOf('admin'), ['admin', 'agent']);
    assert.deepEqual(staffRolesOf('agent'), ['agent']);
  });
});

describe('policy: who sees and acts on a registration', () => {
  const reg = { tenantId: T, organizationId: 'o', personUserId: 'person', referentId: 'ref' };
  const as = (userId: string, memberships: Parameters<typeof actor>[0] = []) => ({ ...actor(memberships), userId });

  it('shows it to the person, the referent who made it and the structure’s members; hides it from anyone else', () => {
    for (const a of [
      as('person'),
      as('ref', [{ role: 'agent' }]),
      as('m', [{ role: 'structure_member', organizationId: 'o' }]),
    ])
      for (const action of ['registration.read', 'registration.cancel'] as const)
        assert.equal(decide(a, action, reg), 'allow');
    for (const a of [
      as('x'),
      as('agent', [{ role: 'agent' }]),
      as('admin', [{ role: 'admin' }]),
      as('m', [{ role: 'structure_admin', organizationId: 'other' }]),
    ])
      assert.equal(decide(a, 'registration.read', reg), 'hidden', 'an agent sees aggregates, not a person');
  });

  it('lets only the structure decide (accept, refuse, wait-list, attendance, outcome)', () => {
    assert.equal(
      decide(as('m', [{ role: 'structure_member', organizationId: 'o' }]), 'registration.decide', reg),
      'allow',
    );
    assert.equal(decide(as('person'), 'registration.decide', reg), 'forbidden');
    assert.equal(decide(as('ref'), 'registration.decide', reg), 'forbidden');
    assert.equal(decide(as('agent', [{ role: 'agent' }]), 'registration.decide', reg), 'hidden');
    assert.equal(decide(null, 'registration.decide', reg), 'unauthenticated');
  });

  it('gives the aggregate counts to the département’s agents', () => {
    assert.equal(decide(actor([{ role: 'agent' }]), 'registration.stats', { tenantId: T }), 'allow');
    assert.equal(
      decide(actor([{ role: 'structure_member', organizationId: 'o' }]), 'registration.stats', { tenantId: T }),
      'forbidden',
    );
    assert.equal(decide(actor(), 'registration.stats', { tenantId: T }), 'hidden');
  });
});

describe('policy: bilans, indicators and the execution report', () => {
  const res = { tenantId: T, organizationId: 'o', organizationStatus: 'validated' as const };
  const member = actor([{ role: 'structure_member', organizationId: 'o', organizationStatus: 'validated' }]);
  const otherMember = actor([{ role: 'structure_admin', organizationId: 'p', organizationStatus: 'validated' }]);
  const agent = actor([{ role: 'agent' }]);
  const stranger = actor([{ role: 'agent', tenantId: OTHER, tenantSlug: 'b' }]);

  it('lets the structure’s members file their bilan and the agents review it, never the other way round', () => {
    assert.equal(decide(member, 'bilan.read', res), 'allow');
    assert.equal(decide(member, 'bilan.edit', res), 'allow');
    assert.equal(decide(member, 'bilan.review', res), 'forbidden');
    assert.equal(decide(agent, 'bilan.read', res), 'allow');
    assert.equal(decide(agent, 'bilan.edit', res), 'forbidden');
    assert.equal(decide(agent, 'bilan.review', res), 'allow');
    assert.equal(decide(agent, 'bilan.create', { tenantId: T }), 'allow');
  });

  it('hides a structure’s bilan from another structure and from another tenant', () => {
    for (const a of [otherMember, stranger]) {
      assert.equal(decide(a, 'bilan.read', res), 'hidden');
      assert.equal(decide(a, 'bilan.edit', res), 'hidden');
      assert.equal(decide(a, 'bilan.review', res), 'hidden');
    }
  });

  it('keeps the indicators, the coverage map and the report to the département’s staff', () => {
    assert.equal(decide(agent, 'indicators.read', { tenantId: T }), 'allow');
    assert.equal(decide(agent, 'report.edit', { tenantId: T }), 'allow');
    assert.equal(decide(member, 'indicators.read', { tenantId: T }), 'forbidden');
    assert.equal(decide(stranger, 'indicators.read', { tenantId: T }), 'hidden');
    assert.equal(decide(null, 'indicators.read', { tenantId: T }), 'unauthenticated');
  });
});

describe('policy: interoperability (issue 16)', () => {
  const ORG = 'o-1';
  const admin = actor([{ role: 'admin' }]);
  const agent = actor([{ role: 'agent' }]);
  const member = actor([{ role: 'structure_member', organizationId: ORG, organizationStatus: 'validated' }]);
  const pendingMember = actor([{ role: 'structure_member', organizationId: ORG, organizationStatus: 'pending' }]);
  const stranger = actor([{ role: 'admin', tenantId: OTHER, tenantSlug: 'b' }]);

  it('keeps the data·inclusion import and the API keys to the tenant’s admins', () => {
    for (const action of ['data_inclusion.import', 'api_key.manage'] as const) {
      assert.equal(decide(admin, action, { tenantId: T }), 'allow');
      assert.equal(decide(agent, action, { tenantId: T }), 'forbidden');
      assert.equal(decide(member, action, { tenantId: T }), 'forbidden');
      assert.equal(decide(stranger, action, { tenantId: T }), 'hidden');
      assert.equal(decide(null, action, { tenantId: T }), 'unauthenticated');
    }
  });

  it('lets a validated structure’s members import offers, like creating one', () => {
    assert.equal(
      decide(member, 'offer.import', { tenantId: T, organizationId: ORG, organizationStatus: 'validated' }),
      'allow',
    );
    assert.equal(
      decide(pendingMember, 'offer.import', { tenantId: T, organizationId: ORG, organizationStatus: 'pending' }),
      'forbidden',
    );
    assert.equal(decide(agent, 'offer.import', { tenantId: T, organizationId: ORG }), 'forbidden');
    assert.equal(decide(stranger, 'offer.import', { tenantId: T, organizationId: ORG }), 'hidden');
  });
});

describe('policy: a machine with an API key', () => {
  const machine = (tenantId = T): Actor => ({
    ...actor(),
    userId: '',
    apiKey: { id: 'k', tenantId, name: 'Tableau de bord', prefix: 'cik_abcdefgh' },
  });

  it('reads the statistics, the exports and the indicators of its own tenant only', () => {
    for (const action of ['registration.stats', 'export.read', 'indicators.read'] as const) {
      assert.equal(decide(machine(), action, { tenantId: T }), 'allow', action);
      assert.equal(decide(machine(OTHER), action, { tenantId: T }), 'hidden', action);
    }
  });

  it('is refused everything else, even what anyone signed in may do', () => {
    for (const action of [
      'organization.create',
      'organization.join',
      'account.delete',
      'registration.self',
      'registration.prescribe',
      'api_key.manage',
      'offer.read',
      'audit.read',
      'tenant.create',
    ] as const) {
      assert.equal(decide(machine(), action, { tenantId: T, organizationId: 'o' }), 'forbidden', action);
    }
  });

  it('gets no capability but the reading ones, whatever memberships it would carry', () => {
    const withRole = { ...machine(), memberships: actor([{ role: 'admin' }]).memberships };
    assert.equal(decide(withRole, 'tenant.settings', { tenantId: T }), 'forbidden');
    assert.equal(decide(withRole, 'offer.moderate', { tenantId: T, organizationId: 'o' }), 'forbidden');
  });
});
