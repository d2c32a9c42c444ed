import { Global, Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, DiscoveryModule } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AccessGuard } from './common/access/access.guard.js';
import { HttpExceptionFilter } from './common/errors/http-exception.filter.js';
import { HealthModule } from './modules/health/health.module.js';
import { TaxonomyModule } from './modules/taxonomy/taxonomy.module.js';
import { TenantsModule } from './modules/tenants/tenants.module.js';
import { GeoModule } from './modules/geo/geo.module.js';
import { OffersModule } from './modules/offers/offers.module.js';
import { OrganizationsModule } from './modules/organizations/organizations.module.js';

/** The application's connection (non-owner role), given by whoever starts the app. */
@Global()
@Module({})
class DatabaseModule {
  static with(dataSource: DataSource): DynamicModule {
    return { module: DatabaseModule, providers: [{ provide: DataSource, useValue: dataSource }], exports: [DataSource] };
  }
}

@Module({})
export class AppModule {
  static with(dataSource: DataSource): DynamicModule {
    return {
      module: AppModule,
      imports: [DatabaseModule.with(dataSource), DiscoveryModule, HealthModule, TaxonomyModule, TenantsModule, GeoModule, OffersModule, OrganizationsModule],
      providers: [
        { provide: APP_GUARD, useClass: AccessGuard },
        { provide: APP_FILTER, useClass: HttpExceptionFilter },
      ],
    };
  }
}
