// The figures the platform knows about a funded offer over a bilan's period, from its
// registrations. Each figure counts distinct people (registration_person), so a person registered
// twice counts once per figure. Rules (Europe/Paris dates, a registration belongs to the period of
// the day it was created):
// - registered: any registration; accepted: a registration in accepted, attended, absent,
//   completed or dropped_out (the states that follow an acceptance); present: attendance recorded
//   as present (kept once the outcome is noted, see KeptRegistrationAttendance) or attended/completed;
// - sex, age band, situation, channel: among accepted people; a person without sex counts as
//   « non renseigné », without age band or situation in none of those bands; the channel is the
//   registration's, so a person accepted once prescribed and once self-registered counts in both;
// - outcomes: among people whose registration ended (completed, dropped_out) with its outcome;
// - sessions held: sessions of the offer that started within the period with at least one
//   accepted person; fill rate: the average over those sessions of accepted people / capacity, in %,
//   one decimal (null without any session held: the platform cannot know).
// People anonymised by the retention job still count: their statistics columns are kept.
// The structure sees these numbers without the small-number rule: they are its own people, it
// knows them; the rule applies where figures leave the structure (the indicators).
import { Injectable } from '@nestjs/common';
import { AGE_BANDS, PERSON_SITUATIONS, REGISTRATION_OUTCOMES, SEXES } from '@catalogue/contracts';
import { TenantTransaction } from '../../common/tenancy/tenant-transaction.js';
import type { StoredFigures } from './bilans.repository.js';

const ACCEPTED = `('accepted', 'attended', 'absent', 'completed', 'dropped_out')`;

/** Every figure key at zero (counts) or null (the fill rate): what an offer without registrations shows. */
export function emptyFigures(): StoredFigures {
  const f: StoredFigures = { registered: 0, accepted: 0, present: 0, sessions_held: 0, fill_rate: null };
  for (const s of SEXES) f[`sex.${s}`] = 0;
  for (const a of AGE_BANDS) f[`age.${a}`] = 0;
  for (const s of PERSON_SITUATIONS) f[`situation.${s}`] = 0;
  f['channel.prescription'] = 0;
  f['channel.self'] = 0;
  for (const o of REGISTRATION_OUTCOMES) f[`outcome.${o}`] = 0;
  return f;
}

@Injectable()
export class BilanFiguresRepository {
  constructor(private readonly db: TenantTransaction) {}

  /** The figures of `offerId` over [periodStart, periodEnd]; null offer (unlinked agreement): all null. */
  async compute(offerId: string | null, periodStart: string, periodEnd: string): Promise<StoredFigures> {
    if (!offerId) return Object.fromEntries(Object.keys(emptyFigures()).map((k) => [k, null])) as StoredFigures;
    const tenantId = this.db.tenant().id;
    const rows: { key: string; n: string | number | null }[] = await this.db.manager().query(
      `WITH r AS (
         SELECT r.person_id, r.status, r.attendance, r.channel, r.outcome, p.sex, p.age_band, p.situation
           FROM registration r
           JOIN registration_person p ON p.tenant_id = r.tenant_id AND p.id = r.person_id
          WHERE r.tenant_id = $1 AND r.offer_id = $2
            AND r.created_at >= ($3::date::timestamp AT TIME ZONE 'Europe/Paris')
            AND r.created_at < (($4::date + 1)::timestamp AT TIME ZONE 'Europe/Paris')
       ), acc AS (SELECT * FROM r WHERE status IN ${ACCEPTED}),
       held AS (
         SELECT s.id, s.capacity, count(DISTINCT x.person_id) AS accepted
           FROM offer_session s
           JOIN registration x ON x.tenant_id = s.tenant_id AND x.session_id = s.id AND x.status IN ${ACCEPTED}
          WHERE s.tenant_id = $1 AND s.offer_id = $2
            AND s.starts_at >= ($3::date::timestamp AT TIME ZONE 'Europe/Paris')
            AND s.starts_at < (($4::date + 1)::timestamp AT TIME ZONE 'Europe/Paris')
          GROUP BY s.id, s.capacity
       )
       SELECT 'registered' AS key, count(DISTINCT person_id) AS n FROM r
       UNION ALL SELECT 'accepted', count(DISTINCT person_id) FROM acc
       UNION ALL SELECT 'present', count(DISTINCT person_id) FROM r
                  WHERE attendance = 'present' OR status IN ('attended', 'completed')
       UNION ALL SELECT 'sex.' || coalesce(sex, 'unspecified'), count(DISTINCT person_id) FROM acc GROUP BY coalesce(sex, 'unspecified')
       UNION ALL SELECT 'age.' || age_band, count(DISTINCT person_id) FROM acc WHERE age_band IS NOT NULL GROUP BY age_band
       UNION ALL SELECT 'situation.' || situation, count(DISTINCT person_id) FROM acc WHERE situation IS NOT NULL GROUP BY situation
       UNION ALL SELECT 'channel.' || channel, count(DISTINCT person_id) FROM acc GROUP BY channel
       UNION ALL SELECT 'outcome.' || outcome, count(DISTINCT person_id) FROM r
                  WHERE status IN ('completed', 'dropped_out') AND outcome IS NOT NULL GROUP BY outcome
       UNION ALL SELECT 'sessions_held', count(*) FROM held
       UNION ALL SELECT 'fill_rate', round(avg(100.0 * accepted / capacity), 1) FROM held`,
      [tenantId, offerId, periodStart, periodEnd],
    );
    const figures = emptyFigures();
    for (const { key, n } of rows)
      if (key in figures) figures[key as keyof StoredFigures] = n === null ? null : Number(n);
    return figures;
  }
}
