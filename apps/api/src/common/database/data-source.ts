import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { CreatedCatalogueSchema1763856000000 } from '../../migrations/1763856000000-CreatedCatalogueSchema.js';
import { AddedCatalogueVersionAndSearchIndexes1763870000000 } from '../../migrations/1763870000000-AddedCatalogueVersionAndSearchIndexes.js';
import { AddedAccountsStructuresAndModeration1763900000000 } from '../../migrations/1763900000000-AddedAccountsStructuresAndModeration.js';
import { AddedStructureIdentityReviewAndFourEyes1764100000000 } from '../../migrations/1764100000000-AddedStructureIdentityReviewAndFourEyes.js';
import { AddedAccountEmailRequests1764400000000 } from '../../migrations/1764400000000-AddedAccountEmailRequests.js';
import { KeptBookingsOutOfTheCatalogueVersion1764600000000 } from '../../migrations/1764600000000-KeptBookingsOutOfTheCatalogueVersion.js';
import { AddedRegistrations1764800000000 } from '../../migrations/1764800000000-AddedRegistrations.js';
import { KeptRegistrationAttendance1764800000001 } from '../../migrations/1764800000001-KeptRegistrationAttendance.js';
import { AddedPlansCallsAndAgreements1765000000000 } from '../../migrations/1765000000000-AddedPlansCallsAndAgreements.js';
import { AddedBilansAndExecutionReports1765200000000 } from '../../migrations/1765200000000-AddedBilansAndExecutionReports.js';
import { AddedOfferCoverageIndex1765200000300 } from '../../migrations/1765200000300-AddedOfferCoverageIndex.js';
import { AddedIndicatorsIndexes1765200000500 } from '../../migrations/1765200000500-AddedIndicatorsIndexes.js';
import { AddedApiKeys1765400000000 } from '../../migrations/1765400000000-AddedApiKeys.js';
import { AddedApiKeyLookupBySecret1765400000400 } from '../../migrations/1765400000400-AddedApiKeyLookupBySecret.js';
import { AddedAuditRequestId1765600000000 } from '../../migrations/1765600000000-AddedAuditRequestId.js';

/** Every migration, in order. TypeORM never synchronises the schema. */
export const MIGRATIONS = [
  CreatedCatalogueSchema1763856000000,
  AddedCatalogueVersionAndSearchIndexes1763870000000,
  AddedAccountsStructuresAndModeration1763900000000,
  AddedStructureIdentityReviewAndFourEyes1764100000000,
  AddedAccountEmailRequests1764400000000,
  KeptBookingsOutOfTheCatalogueVersion1764600000000,
  AddedRegistrations1764800000000,
  KeptRegistrationAttendance1764800000001,
  AddedPlansCallsAndAgreements1765000000000,
  AddedBilansAndExecutionReports1765200000000,
  AddedOfferCoverageIndex1765200000300,
  AddedIndicatorsIndexes1765200000500,
  AddedApiKeys1765400000000,
  AddedApiKeyLookupBySecret1765400000400,
  AddedAuditRequestId1765600000000,
];

/** TypeORM's bookkeeping of the applied migrations (a restore rebuilds it by running them). */
export const MIGRATIONS_TABLE = 'schema_migration';

export interface DataSourceOptions {
  url: string;
  poolSize?: number;
  applicationName?: string;
  /** The migrations it knows: all of them, unless a restore stops at an older backup's schema. */
  migrations?: (new () => unknown)[];
}

export function createDataSource({
  url,
  poolSize = 10,
  applicationName = 'catalogue-api',
  migrations = MIGRATIONS,
}: DataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    synchronize: false,
    migrationsRun: false,
    migrations: migrations as never,
    migrationsTableName: MIGRATIONS_TABLE,
    migrationsTransactionMode: 'each',
    entities: [],
    logging: ['error'],
    applicationName,
    extra: { max: poolSize },
  });
}

/**
 * Applies pending migrations as the owner role, then closes that connection; `migrations` (a first
 * part of the list) stops at an older schema, as a restore does before loading an older backup.
 */
export async function runMigrations(ownerUrl: string, migrations?: (new () => unknown)[]): Promise<string[]> {
  const owner = createDataSource({ url: ownerUrl, poolSize: 1, applicationName: 'catalogue-migrations', migrations });
  await owner.initialize();
  try {
    const applied = await owner.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await owner.destroy();
  }
}
