// The process's Prometheus metrics, in a registry of its own (tests build several apps in one
// process; prom-client's global registry would refuse the second). Labels are bounded: a route is
// its pattern, never the URL; a tenant its slug; a registration its state.
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { REGISTRATION_STATUSES } from '@catalogue/contracts';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { TenantDirectory } from '../tenancy/tenant-directory.js';
import { setTransactionTenant } from '../tenancy/transaction-tenant.js';
import { ShutdownState } from './shutdown-state.js';

export const METRICS_PREFIX = 'catalogue_';

/** Database figures are read at most this often, whatever the scrape rate. */
export const DB_STATS_TTL_MS = 5_000;

interface DbStats {
  outboxQueued: number;
  outboxOldestSeconds: number;
  outboxFailed: number;
  registrations: Map<string, number>;
}

@Injectable()
export class Metrics {
  readonly registry = new Registry();
  readonly httpRequests: Counter<'method' | 'route' | 'status'>;
  readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  readonly indexRebuilds: Counter<'tenant'>;
  readonly indexedOffers: Gauge<'tenant'>;
  private readonly log = new Logger('Métriques');
  private dbStats: { at: number; stats: Promise<DbStats> } | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly tenants: TenantDirectory,
    shutdown: ShutdownState,
  ) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: METRICS_PREFIX });
    this.httpRequests = new Counter({
      name: `${METRICS_PREFIX}http_requests_total`,
      help: 'HTTP requests answered, by method, route pattern and status',
      labelNames: ['method', 'route', 'status'],
      registers,
    });
    this.httpDuration = new Histogram({
      name: `${METRICS_PREFIX}http_request_duration_seconds`,
      help: 'Time to answer an HTTP request, by method, route pattern and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });
    this.indexRebuilds = new Counter({
      name: `${METRICS_PREFIX}search_index_builds_total`,
      help: 'Search index builds (first build and rebuilds after a catalogue change), by tenant',
      labelNames: ['tenant'],
      registers,
    });
    this.indexedOffers = new Gauge({
      name: `${METRICS_PREFIX}search_indexed_offers`,
      help: 'Offers in the search index held in memory, by tenant',
      labelNames: ['tenant'],
      registers,
    });
    new Gauge({
      name: `${METRICS_PREFIX}shutting_down`,
      help: '1 while the process is stopping (readiness answers 503), else 0',
      registers,
      collect() {
        this.set(shutdown.stopping ? 1 : 0);
      },
    });
    const stats = () => this.stats();
    new Gauge({
      name: `${METRICS_PREFIX}outbox_queued`,
      help: 'Emails waiting in the outbox (neither sent nor given up)',
      registers,
      async collect() {
        this.set((await stats()).outboxQueued);
      },
    });
    new Gauge({
      name: `${METRICS_PREFIX}outbox_oldest_age_seconds`,
      help: 'Age of the oldest email waiting in the outbox (0 when none)',
      registers,
      async collect() {
        this.set((await stats()).outboxOldestSeconds);
      },
    });
    new Gauge({
      name: `${METRICS_PREFIX}outbox_failed`,
      help: 'Emails given up after their last attempt, still in the outbox',
      registers,
      async collect() {
        this.set((await stats()).outboxFailed);
      },
    });
    new Gauge({
      name: `${METRICS_PREFIX}registrations`,
      help: 'Registrations by state, all tenants together',
      labelNames: ['state'],
      registers,
      async collect() {
        const { registrations } = await stats();
        for (const state of REGISTRATION_STATUSES) this.set({ state }, registrations.get(state) ?? 0);
      },
    });
  }

  /** The text a scrape receives. */
  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  /** Figures read from the database, shared by the gauges of one scrape and kept DB_STATS_TTL_MS. */
  private stats(): Promise<DbStats> {
    if (this.dbStats && Date.now() - this.dbStats.at < DB_STATS_TTL_MS) return this.dbStats.stats;
    const stats = this.readStats();
    this.dbStats = { at: Date.now(), stats };
    stats.catch((e: unknown) => {
      this.log.warn(`lecture des chiffres de la base impossible (${String(e)})`);
      if (this.dbStats?.stats === stats) this.dbStats = null;
    });
    return stats;
  }

  private async readStats(): Promise<DbStats> {
    const [outbox] = (await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE sent_at IS NULL AND failed_at IS NULL)::int AS queued,
              coalesce(extract(epoch FROM clock_timestamp()
                 - min(created_at) FILTER (WHERE sent_at IS NULL AND failed_at IS NULL)), 0)::float8 AS oldest,
              count(*) FILTER (WHERE failed_at IS NOT NULL)::int AS failed
         FROM email_outbox`,
    )) as { queued: number; oldest: number; failed: number }[];
    // Registrations are under forced row-level security: one transaction, the tenant set in turn.
    const tenants = await this.tenants.list();
    const registrations = new Map<string, number>();
    await this.dataSource.transaction(async (db) => {
      for (const tenant of tenants) {
        await setTransactionTenant(db, tenant.id);
        const rows = (await db.query(`SELECT status, count(*)::int AS n FROM registration GROUP BY status`)) as {
          status: string;
          n: number;
        }[];
        for (const { status, n } of rows) registrations.set(status, (registrations.get(status) ?? 0) + n);
      }
    });
    return {
      outboxQueued: outbox?.queued ?? 0,
      outboxOldestSeconds: outbox?.oldest ?? 0,
      outboxFailed: outbox?.failed ?? 0,
      registrations,
    };
  }
}
