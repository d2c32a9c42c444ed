import { Module } from '@nestjs/common';
import { ApiKeyAuthenticator } from '../../common/auth/api-key.js';
import { TenancyModule } from '../../common/tenancy/tenancy.module.js';
import { ApiKeysController } from './api-keys.controller.js';
import { ApiKeysRepository } from './api-keys.repository.js';
import { ApiKeysService } from './api-keys.service.js';

/** Tables this module alone writes. */
export const API_KEYS_TABLES = ['api_key'] as const;

/**
 * The tenants' API keys: machines reading the non-public read routes. Provides the
 * `ApiKeyAuthenticator` the global SessionGuard resolves a bearer key with.
 */
@Module({
  imports: [TenancyModule],
  controllers: [ApiKeysController],
  providers: [ApiKeysRepository, ApiKeysService, { provide: ApiKeyAuthenticator, useExisting: ApiKeysRepository }],
  exports: [ApiKeyAuthenticator],
})
export class ApiKeysModule {}
