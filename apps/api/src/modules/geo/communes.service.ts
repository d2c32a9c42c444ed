import { Injectable } from '@nestjs/common';
import { foldCommuneName } from '@catalogue/domain';
import { invalidParameter, notFound } from '../../common/errors/app-errors.js';
import type { Tenant } from '../../common/tenancy/tenant.js';
import { CommunesRepository, type CommuneRow } from './communes.repository.js';
import { zoneKeysOfCommune } from './zone-keys.js';

/** More than any French postcode has (51300: 46 communes). */
const COMMUNES_PER_POSTCODE = 60;

export interface ResolvedCommune extends CommuneRow {
  zoneKeys: string[];
}

@Injectable()
export class CommunesService {
  constructor(private readonly communes: CommunesRepository) {}

  /**
   * Communes by beginning of name or postcode, `limit` at most; every commune of a complete postcode
   * (50 at most in France), so that a postcode typed without picking a suggestion can be resolved.
   */
  search(tenant: Tenant, query: string | undefined, limit = 10): Promise<CommuneRow[]> {
    const folded = foldCommuneName(query ?? '');
    return this.communes.search(
      tenant.code,
      folded,
      /^\d{5}$/.test(folded) ? Math.max(limit, COMMUNES_PER_POSTCODE) : limit,
    );
  }

  /** A commune of the tenant's département; 404 otherwise (a commune elsewhere is not this catalogue's). */
  async get(tenant: Tenant, insee: string): Promise<CommuneRow> {
    if (!/^[0-9][0-9AB][0-9]{3}$/i.test(insee)) throw invalidParameter('insee', 'must be an INSEE code (5 characters)');
    insee = insee.toUpperCase();
    const commune = await this.communes.findInDepartement(tenant.code, insee);
    if (!commune) throw notFound('Commune');
    return commune;
  }

  /** The commune with its diffusion-zone keys, or undefined when it is not in the tenant's département. */
  async resolve(tenant: Tenant, insee: string): Promise<ResolvedCommune | undefined> {
    const commune = await this.communes.findInDepartement(tenant.code, insee);
    if (!commune) return undefined;
    const territories = await this.communes.territoryCodesOf(insee);
    return { ...commune, zoneKeys: zoneKeysOfCommune(tenant.code, commune, territories) };
  }
}
