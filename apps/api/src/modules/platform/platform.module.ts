import { Module } from '@nestjs/common';
import { TenancyModule } from '../../common/tenancy/tenancy.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { TenantsModule } from '../tenants/tenants.module.js';
import { StaffController } from './staff.controller.js';
import { StaffGrants } from './staff-grants.service.js';
import { StaffRepository } from './staff.repository.js';
import { StaffService } from './staff.service.js';
import { TenantCreationController } from './tenant-creation.controller.js';
import { TenantCreationRepository } from './tenant-creation.repository.js';
import { TenantCreationService } from './tenant-creation.service.js';
import { TenantSettingsController } from './tenant-settings.controller.js';
import { TenantSettingsRepository } from './tenant-settings.repository.js';
import { TenantSettingsService } from './tenant-settings.service.js';

/** Tables this module alone writes (the tenant directory of common/tenancy reads them). */
export const PLATFORM_TABLES = ['tenant'] as const;

/** The platform admin opens départements; the département admin manages its staff and settings. */
@Module({
  imports: [TenancyModule, AuthModule, TenantsModule],
  controllers: [TenantCreationController, StaffController, TenantSettingsController],
  providers: [
    TenantCreationService,
    TenantCreationRepository,
    StaffGrants,
    StaffRepository,
    StaffService,
    TenantSettingsService,
    TenantSettingsRepository,
  ],
})
export class PlatformModule {}
