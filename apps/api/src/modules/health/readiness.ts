import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MIGRATIONS, MIGRATIONS_TABLE } from '../../common/database/data-source.js';
import { ShutdownState } from '../../common/metrics/shutdown-state.js';
import { CatalogueIndexCache } from '../search/catalogue-index.cache.js';

export interface ReadinessChecks {
  /** The database answers `SELECT 1`. */
  database: 'reachable' | 'unreachable';
  /** Every migration of the code is applied (`unknown` when the database does not answer). */
  migrations: 'current' | 'pending' | 'unknown';
  /** The start-up warm-up of the search indexes is over (`cold`: none asked, indexes build at first search). */
  searchIndexes: 'warm' | 'cold' | 'warming';
  /** `stopping` from SIGTERM on: the proxy must stop sending. */
  process: 'running' | 'stopping';
}

export interface Readiness {
  status: 'ready' | 'not_ready';
  checks: ReadinessChecks;
  /** The names of the failing checks. */
  failing: (keyof ReadinessChecks)[];
}

/** The migration names the code carries (as TypeORM records them: the instance's name, else the class's). */
const CODE_MIGRATIONS = MIGRATIONS.map((m) => new (m as new () => { name?: string })().name ?? m.name);

@Injectable()
export class ReadinessCheck {
  constructor(
    private readonly dataSource: DataSource,
    private readonly indexes: CatalogueIndexCache,
    private readonly shutdown: ShutdownState,
  ) {}

  async check(): Promise<Readiness> {
    const checks: ReadinessChecks = {
      database: 'reachable',
      migrations: 'unknown',
      searchIndexes: this.indexes.warmth,
      process: this.shutdown.stopping ? 'stopping' : 'running',
    };
    try {
      // The application role reads the migrations table (granted SELECT like every owner's table).
      const rows = (await this.dataSource.query(`SELECT name FROM ${MIGRATIONS_TABLE}`)) as { name: string }[];
      const applied = new Set(rows.map((r) => r.name));
      checks.migrations = CODE_MIGRATIONS.every((name) => applied.has(name)) ? 'current' : 'pending';
    } catch {
      checks.database = 'unreachable';
    }
    const failing = (Object.keys(checks) as (keyof ReadinessChecks)[]).filter(
      (k) => !['reachable', 'current', 'warm', 'cold', 'running'].includes(checks[k]),
    );
    return { status: failing.length ? 'not_ready' : 'ready', checks, failing };
  }
}
