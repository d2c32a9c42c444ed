import type { ZoneType } from '@catalogue/domain';

/**
 * Diffusion zones are matched through flat keys: an offer stores the keys of its zone, a commune
 * the keys of every zone it lies in; they match when the two lists overlap.
 */
export const zoneKey = {
  commune: (insee: string) => `c:${insee}`,
  epci: (siren: string) => `e:${siren}`,
  territory: (code: string) => `t:${code}`,
  departement: (code: string) => `d:${code}`,
};

export function zoneKeysOfOffer(tenantCode: string, type: ZoneType, codes: readonly string[]): string[] {
  switch (type) {
    case 'communes':
      return codes.map(zoneKey.commune);
    case 'epci':
      return codes.map(zoneKey.epci);
    case 'territory':
      return codes.map(zoneKey.territory);
    case 'departement':
      return [zoneKey.departement(tenantCode)];
  }
}

export function zoneKeysOfCommune(
  tenantCode: string,
  commune: { insee: string; epci: string | null },
  territories: readonly string[],
): string[] {
  return [
    zoneKey.commune(commune.insee),
    ...(commune.epci ? [zoneKey.epci(commune.epci)] : []),
    ...territories.map(zoneKey.territory),
    zoneKey.departement(tenantCode),
  ];
}
