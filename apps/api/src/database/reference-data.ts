// Loads the national geography shipped in libs/domain (communes, EPCI) into its global tables.
import { loadCommunes, loadEpcis } from '@catalogue/domain/geo';
import { foldCommuneName } from '@catalogue/domain';
import pg from 'pg';

/** Idempotent: does nothing when the tables already hold the shipped dataset. */
export async function syncReferenceData(ownerUrl: string): Promise<{ communes: number; loaded: boolean }> {
  const communes = loadCommunes();
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM commune`);
    if (Number(rows[0]!.n) === communes.length) return { communes: communes.length, loaded: false };
    const epcis = loadEpcis();
    await client.query('BEGIN');
    await client.query(
      `INSERT INTO epci (code, name, type) SELECT * FROM unnest($1::text[], $2::text[], $3::text[])
       ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, type = EXCLUDED.type`,
      [epcis.map((e) => e.code), epcis.map((e) => e.name), epcis.map((e) => e.type)],
    );
    await client.query(
      `INSERT INTO commune (insee, name, name_folded, postcodes, departement, epci, lat, lng, population, approx)
       SELECT insee, name, folded, string_to_array(postcodes, ' '), departement, nullif(epci, ''), lat, lng, population, approx
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::float8[], $8::float8[], $9::int[], $10::bool[])
           AS t(insee, name, folded, postcodes, departement, epci, lat, lng, population, approx)
       ON CONFLICT (insee) DO UPDATE SET name = EXCLUDED.name, name_folded = EXCLUDED.name_folded, postcodes = EXCLUDED.postcodes,
         departement = EXCLUDED.departement, epci = EXCLUDED.epci, lat = EXCLUDED.lat, lng = EXCLUDED.lng,
         population = EXCLUDED.population, approx = EXCLUDED.approx`,
      [
        communes.map((c) => c.insee),
        communes.map((c) => c.name),
        communes.map((c) => foldCommuneName(c.name)),
        communes.map((c) => c.postcodes.join(' ')),
        communes.map((c) => c.departement),
        communes.map((c) => c.epci ?? ''),
        communes.map((c) => c.lat),
        communes.map((c) => c.lng),
        communes.map((c) => c.population),
        communes.map((c) => c.approx),
      ],
    );
    await client.query('COMMIT');
    return { communes: communes.length, loaded: true };
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    await client.end();
  }
}
