import { Module } from '@nestjs/common';
import { TenancyModule } from '../../common/tenancy/tenancy.module.js';
import { OrganizationsModule } from '../organizations/organizations.module.js';
import { AccountController } from './account.controller.js';
import { AccountEmailRequests } from './account-email-requests.js';
import { AccountService } from './account.service.js';
import { AuthTokensRepository } from './auth-tokens.repository.js';
import { AuthHousekeeping } from './auth-housekeeping.js';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { OidcController } from './oidc.controller.js';
import { OidcService } from './oidc.service.js';
import { PersonalAccounts } from './personal-accounts.service.js';
import { StaffAccounts } from './staff-accounts.service.js';
import { UsersRepository } from './users.repository.js';

/** Tables this module alone writes (sessions and rate limits belong to common/auth). */
export const AUTH_TABLES = ['app_user', 'auth_token', 'account_email_request'] as const;

@Module({
  // Tenants (a personal account is made in a département) and beneficiary memberships (organizations' table).
  imports: [TenancyModule, OrganizationsModule],
  controllers: [AuthController, AccountController, OidcController],
  providers: [
    AuthService,
    AccountService,
    AccountEmailRequests,
    OidcService,
    UsersRepository,
    AuthTokensRepository,
    AuthHousekeeping,
    StaffAccounts,
    PersonalAccounts,
  ],
  exports: [AuthService, StaffAccounts, AccountEmailRequests, PersonalAccounts],
})
export class AuthModule {}
