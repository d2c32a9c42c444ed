import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the in-memory search index reads (OffersRepository.loadIndexedOffers): of an offer its id,
 * tenant, status, title, theme_index, audiences, access, modes, places_open_until, zone_keys and
 * search_vector, listed here by the columns it is generated from (title, summary, search_extra,
 * description, eligibility, search_acronyms: migration 1763870000000); only published offers.
 */
export const OFFER_INDEXED_COLUMNS = [
  'id',
  'tenant_id',
  'status',
  'title',
  'theme_index',
  'audiences',
  'access',
  'modes',
  'places_open_until',
  'zone_keys',
  'summary',
  'search_extra',
  'description',
  'eligibility',
  'search_acronyms',
] as const;
/** Of a place: lat and lng, in position order, joined on offer and tenant. */
export const PLACE_INDEXED_COLUMNS = ['tenant_id', 'offer_id', 'position', 'lat', 'lng'] as const;

const changed = (columns: readonly string[]) => columns.map((c) => `OLD.${c} IS DISTINCT FROM NEW.${c}`).join(' OR ');

/** A session's share of its offer's places_open_until: its end (or start) while it has a seat left. */
const openUntil = (row: 'OLD' | 'NEW') =>
  `(CASE WHEN ${row}.booked < ${row}.capacity THEN coalesce(${row}.ends_at, ${row}.starts_at) END)`;

/**
 * A booking (offer_session.booked moving) must not touch the search index. Before, every write to a
 * session updated its offer's places_open_until even to the same value: that locked the offer row
 * until commit (bookings of one offer's sessions waited on each other) and fired the offer's
 * catalogue trigger, which bumped the tenant's catalogue_version at commit (every commit of the
 * tenant queued on that one row, and every search then rebuilt the tenant's index).
 *
 * Now:
 * - Seat counts (booked, capacity) stay in offer_session, which the index does not read. The
 *   session trigger fires only when a session's share of places_open_until changes (it gains or
 *   loses its last open seat, its dates move while open) or it moves to another offer, and on
 *   INSERT and DELETE. A booking that leaves seats open fires nothing.
 * - When it fires, it locks the offer row first, then reads the latest open session: two sessions
 *   of one offer filled at once are then counted one after the other, never each from a snapshot
 *   missing the other (the old trigger could leave places_open_until on a session already full).
 *   The offer is written only when places_open_until really changes.
 * - The catalogue version moves on an UPDATE only when a column the index reads really changes
 *   (OFFER_INDEXED_COLUMNS, PLACE_INDEXED_COLUMNS) on an offer published before or after it (the
 *   index holds published offers only). INSERT and DELETE still always move it.
 * - The trigger on organization is dropped: the index reads no column of it. A structure's name
 *   reaches search through its offers' search_extra, re-derived by the application in an UPDATE of
 *   the offers (which moves the version); deleting a structure deletes its offers (which does too).
 */
export class KeptBookingsOutOfTheCatalogueVersion1764600000000 implements MigrationInterface {
  name = 'KeptBookingsOutOfTheCatalogueVersion1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION offer_session_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        target uuid;
        open_until timestamptz;
      BEGIN
        -- Both offers when a session moves from one to another, in a fixed order (no deadlock).
        FOR target IN SELECT DISTINCT t FROM unnest(ARRAY[OLD.offer_id, NEW.offer_id]) AS t WHERE t IS NOT NULL ORDER BY t
        LOOP
          -- Locked before reading (READ COMMITTED: the next statement sees what committed meanwhile).
          PERFORM 1 FROM offer WHERE id = target FOR NO KEY UPDATE;
          SELECT max(coalesce(s.ends_at, s.starts_at)) INTO open_until
            FROM offer_session s WHERE s.offer_id = target AND s.booked < s.capacity;
          UPDATE offer SET places_open_until = open_until
           WHERE id = target AND places_open_until IS DISTINCT FROM open_until;
        END LOOP;
        RETURN NULL;
      END $$`);
    await q.query(`DROP TRIGGER offer_session_changed ON offer_session`);
    await q.query(`
      CREATE TRIGGER offer_session_added_or_removed AFTER INSERT OR DELETE ON offer_session
      FOR EACH ROW EXECUTE FUNCTION offer_session_changed()`);
    await q.query(`
      CREATE TRIGGER offer_session_changed AFTER UPDATE ON offer_session
      FOR EACH ROW WHEN (OLD.offer_id IS DISTINCT FROM NEW.offer_id OR ${openUntil('OLD')} IS DISTINCT FROM ${openUntil('NEW')})
      EXECUTE FUNCTION offer_session_changed()`);

    for (const table of ['offer', 'offer_place', 'organization'])
      await q.query(`DROP TRIGGER ${table}_catalogue_changed ON ${table}`);
    for (const table of ['offer', 'offer_place']) {
      await q.query(`
        CREATE CONSTRAINT TRIGGER ${table}_catalogue_added_or_removed AFTER INSERT OR DELETE ON ${table}
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION catalogue_changed()`);
    }
    await q.query(`
      CREATE CONSTRAINT TRIGGER offer_catalogue_changed AFTER UPDATE ON offer
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
      WHEN ((OLD.status = 'published' OR NEW.status = 'published') AND (${changed(OFFER_INDEXED_COLUMNS)}))
      EXECUTE FUNCTION catalogue_changed()`);
    await q.query(`
      CREATE CONSTRAINT TRIGGER offer_place_catalogue_changed AFTER UPDATE ON offer_place
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (${changed(PLACE_INDEXED_COLUMNS)})
      EXECUTE FUNCTION catalogue_changed()`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['offer', 'offer_place']) {
      await q.query(`DROP TRIGGER ${table}_catalogue_changed ON ${table}`);
      await q.query(`DROP TRIGGER ${table}_catalogue_added_or_removed ON ${table}`);
    }
    for (const table of ['offer', 'offer_place', 'organization']) {
      await q.query(`CREATE CONSTRAINT TRIGGER ${table}_catalogue_changed AFTER INSERT OR UPDATE OR DELETE ON ${table}
                     DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION catalogue_changed()`);
    }

    await q.query(`DROP TRIGGER offer_session_changed ON offer_session`);
    await q.query(`DROP TRIGGER offer_session_added_or_removed ON offer_session`);
    await q.query(`
      CREATE OR REPLACE FUNCTION offer_session_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE target uuid := coalesce(NEW.offer_id, OLD.offer_id);
      BEGIN
        UPDATE offer SET places_open_until = (
          SELECT max(coalesce(s.ends_at, s.starts_at)) FROM offer_session s
           WHERE s.offer_id = target AND s.booked < s.capacity)
         WHERE id = target;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER offer_session_changed AFTER INSERT OR UPDATE OR DELETE ON offer_session
      FOR EACH ROW EXECUTE FUNCTION offer_session_changed()`);
  }
}
