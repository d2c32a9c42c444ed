// Generates a national-scale catalogue into the benchmark database (a new, empty one: see
// bench-env.ts): every département a tenant (or the first `tenants` of them, the largest included),
// offers written from the demo catalogue's offers as templates, placed in real communes.
import type pg from 'pg';
import { loadCommunes, loadDepartements, type Commune } from '@catalogue/domain/geo';
import { DEMO_TENANTS, slugify, type AccessMode, type ZoneType } from '@catalogue/domain';
import {
  inTenantTransaction,
  insertOffers,
  upsertOrganization,
  type OfferInput,
} from '@catalogue/api/database/catalogue-writer.js';
import { readDemoFile } from '@catalogue/api/demo/demo-loader.js';
import { upsertTenant } from '@catalogue/api/demo/demo-loader.js';
import type { Rng } from './rng.js';

export interface DatasetSpec {
  totalOffers: number;
  largestTenantCode: string;
  largestTenantOffers: number;
  /** How many départements become tenants: the largest, then the others in code order. */
  tenants: number;
  seed: number;
}

type Template = ReturnType<typeof readDemoFile>['offers'][number] & { organizationName: string };

const DAY_MS = 86_400_000;

function templates(): Template[] {
  return DEMO_TENANTS.flatMap((t) => {
    const file = readDemoFile(t.slug);
    const orgs = new Map(file.organizations.map((o) => [o.key, o.name]));
    return file.offers.map((o) => ({ ...o, organizationName: orgs.get(o.organization) ?? 'Structure' }));
  });
}

/** Picks communes in proportion to population: people and offers gather in towns. */
function populationPicker(communes: Commune[], rng: Rng): () => Commune {
  const cumulative: number[] = [];
  let sum = 0;
  for (const c of communes) cumulative.push((sum += Math.max(50, c.population)));
  return () => {
    const x = rng.next() * sum;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return communes[lo]!;
  };
}

export async function generateDataset(
  owner: pg.Client,
  spec: DatasetSpec,
  rng: Rng,
  log: (m: string) => void,
): Promise<void> {
  const all = loadDepartements();
  const chosen = new Set([
    spec.largestTenantCode,
    ...all
      .filter((d) => d.code !== spec.largestTenantCode)
      .slice(0, spec.tenants - 1)
      .map((d) => d.code),
  ]);
  const deps = all.filter((d) => chosen.has(d.code));
  const allCommunes = loadCommunes();
  const pool = templates();
  const others = deps.filter((d) => d.code !== spec.largestTenantCode);
  const perOther = others.length ? Math.floor((spec.totalOffers - spec.largestTenantOffers) / others.length) : 0;
  const extra = spec.totalOffers - spec.largestTenantOffers - perOther * others.length;
  const started = Date.now();
  let done = 0;
  for (const [i, dep] of deps.entries()) {
    const count = dep.code === spec.largestTenantCode ? spec.largestTenantOffers : perOther + (i < extra ? 1 : 0);
    const tenant = await upsertTenant(owner, dep.code, slugify(dep.name), dep.name);
    const communes = allCommunes.filter((c) => c.departement === dep.code);
    const pick = populationPicker(communes, rng);
    await inTenantTransaction(owner, tenant.id, async () => {
      const orgCount = Math.max(5, Math.round(count / 10));
      const orgs: { id: string; name: string; commune: Commune }[] = [];
      for (let k = 0; k < orgCount; k++) {
        const t = rng.pick(pool);
        const commune = pick();
        const name = `${t.organizationName.replace(/\s+\d+$/, '')} – ${commune.name} ${k + 1}`;
        const id = await upsertOrganization(owner, tenant.id, {
          sourceKey: `bench-org-${k}`,
          name,
          kind: 'association',
          address: `${1 + rng.int(120)} rue de la République`,
          communeInsee: commune.insee,
          lat: commune.lat,
          lng: commune.lng,
        });
        orgs.push({ id, name, commune });
      }
      const now = Date.now();
      for (let start = 0; start < count; start += 1000) {
        const batch: OfferInput[] = [];
        for (let k = start; k < Math.min(count, start + 1000); k++) {
          const t = rng.pick(pool);
          const org = rng.pick(orgs);
          const placeCount = t.places.length === 0 ? 0 : rng.next() < 0.2 ? 2 : 1;
          const places = Array.from({ length: placeCount }, (_, j) =>
            j === 0 && rng.next() < 0.5 ? org.commune : pick(),
          );
          const zoneRoll = rng.next();
          const zoneType: ZoneType =
            zoneRoll < 0.3
              ? 'departement'
              : zoneRoll < 0.75 && places[0]?.epci
                ? 'epci'
                : places.length
                  ? 'communes'
                  : 'departement';
          const zoneCodes =
            zoneType === 'epci'
              ? [places[0]!.epci!]
              : zoneType === 'communes'
                ? [...new Set([...places.map((p) => p.insee), pick().insee])]
                : [];
          batch.push({
            sourceKey: `bench-offer-${k}`,
            organizationId: org.id,
            organizationName: org.name,
            status: rng.next() < 0.97 ? 'published' : 'draft',
            title: t.title,
            summary: t.summary,
            description: t.description,
            themes: t.themes,
            audiences: t.audiences,
            serviceTypes: t.serviceTypes,
            eligibility: t.eligibility,
            cost: t.cost,
            costDetails: t.costDetails ?? null,
            modes: places.length ? t.modes : ['a-distance'],
            access: t.access as AccessMode,
            mobilisation: t.mobilisation,
            zoneType,
            zoneCodes,
            contactName: t.contact.name,
            contactEmail: t.contact.email ?? null,
            contactPhone: t.contact.phone ?? null,
            funding: t.funding,
            planMeasure: t.planMeasure ?? null,
            places: places.map((c) => ({
              address: `${1 + rng.int(80)} avenue Jean Jaurès`,
              communeInsee: c.insee,
              communeName: c.name,
              lat: c.lat,
              lng: c.lng,
            })),
            sessions: t.sessions.map((s) => {
              const startsAt = new Date(now + (s.startInDays + rng.int(60) - 20) * DAY_MS);
              return {
                startsAt,
                endsAt: new Date(startsAt.getTime() + s.durationDays * DAY_MS),
                capacity: s.capacity,
                booked: Math.min(s.capacity, rng.int(s.capacity + 1)),
              };
            }),
          });
        }
        await insertOffers(owner, tenant, batch);
      }
    });
    done += count;
    if (i % 10 === 0 || dep.code === spec.largestTenantCode)
      log(
        `  ${dep.code} ${dep.name}: ${count} offres (${done}/${spec.totalOffers}, ${Math.round((Date.now() - started) / 1000)} s)`,
      );
  }
}
