// Builds the one SQL statement that answers a catalogue search: matching set, page, total and
// disjunctive facets, in a single round trip. Only values travel as parameters; the SQL text is
// assembled from fixed fragments chosen by which criteria are present.

export interface SearchCriteria {
  tenantId: string;
  /** A to_tsquery('fr', …) expression built from sanitised tokens, or null. */
  tsquery: string | null;
  point: { lat: number; lng: number; radiusM: number } | null;
  /** Offers whose diffusion zone has one of these keys match too (search from a commune). */
  zoneKeys: string[] | null;
  themes: string[] | null;
  audiences: string[] | null;
  access: string[] | null;
  modes: string[] | null;
  hasPlaces: boolean | null;
  limit: number;
  offset: number;
}

export interface SearchRow {
  total: string;
  items: { id: string; rank: number | null }[] | null;
  themes: Record<string, number> | null;
  audiences: Record<string, number> | null;
  access: Record<string, number> | null;
  modes: Record<string, number> | null;
  has_places: Record<string, number> | null;
}

export const ALL_AUDIENCES_CODE = 'tous-publics';

export function buildSearchSql(c: SearchCriteria): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const p = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };

  const tenant = p(c.tenantId);
  const with_: string[] = [];
  const joins: string[] = [];
  const where = [`o.tenant_id = ${tenant}`, `o.status = 'published'`];
  const select = ['o.id', 'o.title', 'o.theme_index', 'o.audiences', 'o.access', 'o.modes', `coalesce(o.places_open_until > now(), false) AS has_places`];

  if (c.tsquery) {
    joins.push(`CROSS JOIN to_tsquery('fr', ${p(c.tsquery)}) AS query`);
    where.push('o.search_vector @@ query');
    select.push('ts_rank_cd(o.search_vector, query) AS rank');
  } else select.push('NULL::real AS rank');

  if (c.point) {
    const pt = `ll_to_earth(${p(c.point.lat)}, ${p(c.point.lng)})`;
    const radius = p(c.point.radiusM);
    // Places within the radius, through the GiST index on their earth position.
    with_.push(`near AS MATERIALIZED (
      SELECT pl.offer_id, min(earth_distance(ll_to_earth(pl.lat, pl.lng), ${pt})) AS distance
        FROM offer_place pl
       WHERE pl.tenant_id = ${tenant} AND earth_box(${pt}, ${radius}) @> ll_to_earth(pl.lat, pl.lng)
       GROUP BY pl.offer_id
      HAVING min(earth_distance(ll_to_earth(pl.lat, pl.lng), ${pt})) <= ${radius})`);
    joins.push('LEFT JOIN near ON near.offer_id = o.id');
    select.push('near.distance');
    where.push(c.zoneKeys ? `(near.offer_id IS NOT NULL OR o.zone_keys && ${p(c.zoneKeys)}::text[])` : 'near.offer_id IS NOT NULL');
  } else {
    select.push('NULL::float8 AS distance');
    if (c.zoneKeys) where.push(`o.zone_keys && ${p(c.zoneKeys)}::text[]`);
  }

  // Facet filters become flags so each facet can be counted without its own filter.
  const flag = {
    t: c.themes ? `m.theme_index && ${p(c.themes)}::text[]` : 'true',
    a: c.audiences ? `m.audiences && ${p([...c.audiences, ALL_AUDIENCES_CODE])}::text[]` : 'true',
    x: c.access ? `m.access = ANY(${p(c.access)}::text[])` : 'true',
    m: c.modes ? `m.modes && ${p(c.modes)}::text[]` : 'true',
    h: c.hasPlaces === null ? 'true' : c.hasPlaces ? 'm.has_places' : 'NOT m.has_places',
  };
  const all = 't_ok AND a_ok AND x_ok AND m_ok AND h_ok';
  const except = (k: 't' | 'a' | 'x' | 'm' | 'h') =>
    (['t', 'a', 'x', 'm', 'h'] as const)
      .filter((x) => x !== k)
      .map((x) => `${x}_ok`)
      .join(' AND ');

  const order = [
    ...(c.tsquery ? ['rank DESC'] : []),
    ...(c.point ? ['distance ASC NULLS LAST'] : []),
    'lower(f_unaccent(title))',
    'id',
  ].join(', ');

  const facet = (expr: string, k: 't' | 'a' | 'x' | 'm' | 'h') =>
    `(SELECT json_object_agg(code, n) FROM (SELECT ${expr} AS code, count(*) AS n FROM flagged WHERE ${except(k)} GROUP BY 1) f)`;

  const sql = `
    WITH ${[...with_, `matched AS MATERIALIZED (
      SELECT ${select.join(', ')}
        FROM offer o ${joins.join(' ')}
       WHERE ${where.join(' AND ')})`,
    `flagged AS MATERIALIZED (
      SELECT m.id, m.title, m.rank, m.distance, m.theme_index, m.audiences, m.access, m.modes, m.has_places,
             ${flag.t} AS t_ok, ${flag.a} AS a_ok, ${flag.x} AS x_ok, ${flag.m} AS m_ok, ${flag.h} AS h_ok
        FROM matched m)`].join(',\n')}
    SELECT
      (SELECT count(*) FROM flagged WHERE ${all}) AS total,
      (SELECT json_agg(json_build_object('id', id, 'rank', rank) ORDER BY ${order})
         FROM (SELECT id, rank, distance, title FROM flagged WHERE ${all} ORDER BY ${order} LIMIT ${p(c.limit)} OFFSET ${p(c.offset)}) pg) AS items,
      ${facet('unnest(theme_index)', 't')} AS themes,
      ${facet('unnest(audiences)', 'a')} AS audiences,
      ${facet('access', 'x')} AS access,
      ${facet('unnest(modes)', 'm')} AS modes,
      ${facet('has_places::text', 'h')} AS has_places`;
  return { sql, params };
}
