import { Injectable } from '@nestjs/common';
import { foldCommuneName } from '@catalogue/domain';
import type { Tenant } from '../../common/tenancy/tenant.js';
import { CommunesRepository, type CommuneRow } from './communes.repository.js';
import { zoneKeysOfCommune } from './zone-keys.js';

export interface ResolvedCommune extends CommuneRow {
  zoneKeys: string[];
}

@Injectable()
export class CommunesService {
  constructor(private readonly communes: CommunesRepository) {}

  search(tenant: Tenant, query: string | undefined, limit = 10): Promise<CommuneRow[]> {
    return this.communes.search(tenant.code, foldCommuneName(query ?? ''), limit);
  }

  /** The commune with its diffusion-zone keys, or undefined when it is not in the tenant's département. */
  async resolve(tenant: Tenant, insee: string): Promise<ResolvedCommune | undefined> {
    const commune = await this.communes.findInDepartement(tenant.code, insee);
    if (!commune) return undefined;
    const territories = await this.communes.territoryCodesOf(insee);
    return { ...commune, zoneKeys: zoneKeysOfCommune(tenant.code, commune, territories) };
  }
}
