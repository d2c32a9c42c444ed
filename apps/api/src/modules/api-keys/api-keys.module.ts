import { Module } from '@nestjs/common';
import { TenancyModule } from '../../common/tenancy/tenancy.module.js';

/** Tables this module alone writes. */
export const API_KEYS_TABLES = ['api_key'] as const;

/** The tenants' API keys: machines reading the non-public read routes. */
@Module({
  imports: [TenancyModule],
  controllers: [],
  providers: [],
})
export class ApiKeysModule {}
