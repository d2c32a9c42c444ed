import { Module } from '@nestjs/common';
import { TenancyModule } from '../../common/tenancy/tenancy.module.js';
import { GeoModule } from '../geo/geo.module.js';
import { BeneficiaryMemberships } from './beneficiary-memberships.service.js';
import { InvitationsController, MembersController } from './members.controller.js';
import { MembershipsRepository } from './memberships.repository.js';
import { MembershipsService } from './memberships.service.js';
import { OrganizationChangesRepository } from './organization-changes.repository.js';
import { OrganizationChanges } from './organization-changes.service.js';
import { OrganizationsController } from './organizations.controller.js';
import { OrganizationsRepository } from './organizations.repository.js';
import { OrganizationsService } from './organizations.service.js';

/** Tables this module alone writes (département staff memberships are written by platform: see the ownership spec). */
export const ORGANIZATIONS_TABLES = ['organization', 'organization_change', 'membership', 'invitation'] as const;

@Module({
  imports: [TenancyModule, GeoModule],
  // OrganizationsController first: its fixed paths (export.csv, by-siret) come before any `:id`.
  controllers: [OrganizationsController, MembersController, InvitationsController],
  providers: [
    OrganizationsRepository,
    OrganizationsService,
    OrganizationChangesRepository,
    OrganizationChanges,
    MembershipsRepository,
    MembershipsService,
    BeneficiaryMemberships,
  ],
  exports: [OrganizationsService, BeneficiaryMemberships],
})
export class OrganizationsModule {}
