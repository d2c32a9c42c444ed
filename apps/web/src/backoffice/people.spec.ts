import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MeMembership } from '@catalogue/contracts';
import { adminRoleToDrop, staffRolesLabel, structuresOf } from './people.js';

const m = (o: Partial<MeMembership>): MeMembership => ({
  tenant: 'drome',
  tenantName: 'Drôme',
  role: 'structure_member',
  status: 'active',
  ...o,
});

describe('back-office lists: one line per structure or person', () => {
  it('lists a referent’s prescriber structure once, with both roles', () => {
    const mine = structuresOf([
      m({ role: 'agent' }),
      m({ organizationId: 'ccas', organizationName: 'CCAS de Montélimar', role: 'structure_member' }),
      m({ organizationId: 'ccas', organizationName: 'CCAS de Montélimar', role: 'referent' }),
      m({ organizationId: 'asso', organizationName: 'Association', role: 'structure_admin' }),
      m({ organizationId: 'attente', organizationName: 'En attente', status: 'pending' }),
    ]);
    assert.deepEqual(mine, [
      { organizationId: 'ccas', name: 'CCAS de Montélimar', roles: ['structure_member', 'referent'] },
      { organizationId: 'asso', name: 'Association', roles: ['structure_admin'] },
    ]);
  });

  it('names a staff member’s roles and what removing the admin role takes', () => {
    const both = [
      { role: 'admin' as const, membershipId: 'm-admin' },
      { role: 'agent' as const, membershipId: 'm-agent' },
    ];
    assert.equal(staffRolesLabel(both), 'Administrateur et agent');
    assert.equal(adminRoleToDrop(both), 'm-admin');
    assert.equal(staffRolesLabel([both[1]!]), 'Agent');
    assert.equal(adminRoleToDrop([both[1]!]), null);
    assert.equal(staffRolesLabel([both[0]!]), 'Administrateur');
    assert.equal(
      adminRoleToDrop([both[0]!]),
      null,
      'an admin without the agent role is removed from the staff instead',
    );
  });
});
