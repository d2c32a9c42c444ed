// The monthly digest of overdue offers: each editor (active member of a structure) who has offers
// past their update frequency gets one email per calendar month listing them. `run()` may be
// called as often as one likes (a timer every 6 h, several instances, tests): the month stamp on
// the user (app_user.digest_sent_for) is set in the same transaction as the email is queued, by
// an UPDATE that only one caller can win.
import { Inject, Injectable, Logger } from '@nestjs/common';
import { RegisterJob, type BackgroundJob } from '../../common/jobs/background-job.js';
import { rolesAllowed } from '../../common/policy/policy.js';
import { DataSource } from 'typeorm';
import { TenantTransaction } from '../../common/tenancy/tenant-transaction.js';
import { APP_SETTINGS, type AppSettings } from '../../config/settings.js';
import { Outbox } from '../../common/outbox/outbox.js';
import { TenantDirectory } from '../../common/tenancy/tenant-directory.js';
import { offerLinks, overdueDigestEmail } from './offer-emails.js';
import { OVERDUE_SQL } from './offers-write.repository.js';

export const DIGEST_INTERVAL_MS = 6 * 3600_000;

/** The calendar month in France, as stored: `YYYY-MM`. */
export const digestMonth = (now: Date): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit' })
    .format(now)
    .slice(0, 7);

interface Due {
  email: string;
  name: string;
  offers: { title: string; url: string; tenantName: string }[];
}

@Injectable()
@RegisterJob()
export class OverdueDigest implements BackgroundJob {
  readonly jobName = 'récapitulatif des offres à mettre à jour';
  readonly intervalMs = DIGEST_INTERVAL_MS;
  private readonly log = new Logger('Récapitulatif');

  constructor(
    private readonly dataSource: DataSource,
    private readonly tenants: TenantDirectory,
    private readonly transaction: TenantTransaction,
    private readonly outbox: Outbox,
    @Inject(APP_SETTINGS) private readonly settings: AppSettings,
  ) {}

  /** Queues this month's digests not sent yet; returns how many. */
  async run(now = new Date()): Promise<number> {
    const month = digestMonth(now);
    const due = new Map<string, Due>();
    for (const tenant of await this.tenants.list()) {
      const rows: { user_id: string; email: string; name: string; offer_id: string; title: string }[] =
        await this.transaction.run(tenant, (m) =>
          m.query(
            `SELECT DISTINCT u.id AS user_id, u.email, u.name, o.id AS offer_id, o.title
             FROM offer o
             JOIN membership ms ON ms.tenant_id = o.tenant_id AND ms.organization_id = o.organization_id
                               AND ms.status = 'active' AND ms.role = ANY($3::text[])
             JOIN app_user u ON u.id = ms.user_id
            WHERE o.tenant_id = $1 AND ${OVERDUE_SQL('o')} AND u.digest_sent_for IS DISTINCT FROM $2
            ORDER BY o.title, o.id`,
            [tenant.id, month, rolesAllowed('offer.confirm')],
          ),
        );
      for (const r of rows) {
        const entry = due.get(r.user_id) ?? { email: r.email, name: r.name, offers: [] };
        entry.offers.push({
          title: r.title,
          url: offerLinks.offer(this.settings.publicUrl, tenant.slug, r.offer_id),
          tenantName: tenant.name,
        });
        due.set(r.user_id, entry);
      }
    }
    let sent = 0;
    for (const [userId, d] of due) {
      const won = await this.dataSource.transaction(async (m) => {
        const stamped: unknown[] = await m.query(
          `WITH s AS (UPDATE app_user SET digest_sent_for = $2 WHERE id = $1 AND digest_sent_for IS DISTINCT FROM $2 RETURNING id) SELECT id FROM s`,
          [userId, month],
        );
        if (stamped.length)
          await this.outbox.enqueue(m, { to: d.email, ...overdueDigestEmail({ name: d.name, offers: d.offers }) });
        return stamped.length > 0;
      });
      if (won) sent++;
    }
    if (sent) this.log.log(`${sent} récapitulatif(s) d'offres à mettre à jour envoyé(s)`);
    return sent;
  }
}
