import { Global, Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, DiscoveryModule } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AccessGuard } from './common/access/access.guard.js';
import { HttpExceptionFilter } from './common/errors/http-exception.filter.js';
import { MetricsModule } from './common/metrics/metrics.module.js';
import { HealthModule } from './modules/health/health.module.js';
import { TaxonomyModule } from './modules/taxonomy/taxonomy.module.js';
import { TenantsModule } from './modules/tenants/tenants.module.js';
import { GeoModule } from './modules/geo/geo.module.js';
import { OffersModule } from './modules/offers/offers.module.js';
import { SearchModule } from './modules/search/search.module.js';
import { SessionsModule } from './modules/sessions/sessions.module.js';
import { RegistrationsModule } from './modules/registrations/registrations.module.js';
import { OrganizationsModule } from './modules/organizations/organizations.module.js';
import { CoreModule } from './common/core.module.js';
import { JobsModule } from './common/jobs/job-scheduler.js';
import { SessionGuard } from './common/auth/session.guard.js';
import { AuthModule } from './modules/auth/auth.module.js';
import { MailModule } from './modules/mail/mail.module.js';
import { AuditModule } from './modules/audit/audit.module.js';
import { PlatformModule } from './modules/platform/platform.module.js';
import { PrivacyModule } from './modules/privacy/privacy.module.js';
import { PlanModule } from './modules/plan/plan.module.js';
import { CallsModule } from './modules/calls/calls.module.js';
import { ApplicationsModule } from './modules/applications/applications.module.js';
import { AgreementsModule } from './modules/agreements/agreements.module.js';
import { BilansModule } from './modules/bilans/bilans.module.js';
import { IndicatorsModule } from './modules/indicators/indicators.module.js';
import { CoverageModule } from './modules/coverage/coverage.module.js';
import { ReportsModule } from './modules/reports/reports.module.js';
import { DataInclusionExportModule } from './modules/data-inclusion-export/data-inclusion-export.module.js';
import { DataInclusionImportModule } from './modules/data-inclusion-import/data-inclusion-import.module.js';
import { OfferImportModule } from './modules/offer-import/offer-import.module.js';
import { ApiKeysModule } from './modules/api-keys/api-keys.module.js';
import type { AppSettings } from './config/settings.js';

/** The application's connection (non-owner role), given by whoever starts the app. */
@Global()
@Module({})
class DatabaseModule {
  static with(dataSource: DataSource): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [{ provide: DataSource, useValue: dataSource }],
      exports: [DataSource],
    };
  }
}

@Module({})
export class AppModule {
  static with(dataSource: DataSource, settings: AppSettings): DynamicModule {
    return {
      module: AppModule,
      imports: [
        DatabaseModule.with(dataSource),
        CoreModule.with(settings),
        DiscoveryModule,
        JobsModule,
        MetricsModule,
        HealthModule,
        TaxonomyModule,
        TenantsModule,
        GeoModule,
        // Before OffersModule: its `offers/map` route must be matched before the public `offers/:id`.
        SearchModule,
        OffersModule,
        SessionsModule,
        RegistrationsModule,
        PlanModule,
        CallsModule,
        ApplicationsModule,
        AgreementsModule,
        BilansModule,
        IndicatorsModule,
        CoverageModule,
        ReportsModule,
        DataInclusionExportModule,
        DataInclusionImportModule,
        OfferImportModule,
        ApiKeysModule,
        OrganizationsModule,
        AuthModule,
        MailModule.with(settings),
        AuditModule,
        PlatformModule,
        PrivacyModule,
      ],
      providers: [
        // In this order: who is calling (and CSRF), then the route's access rule.
        { provide: APP_GUARD, useClass: SessionGuard },
        { provide: APP_GUARD, useClass: AccessGuard },
        { provide: APP_FILTER, useClass: HttpExceptionFilter },
      ],
    };
  }
}
