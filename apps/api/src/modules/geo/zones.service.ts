import { Injectable } from '@nestjs/common';
import type { DiffusionZones, ZoneChoice } from '@catalogue/contracts';
import type { Tenant } from '../../common/tenancy/tenant.js';
import { ZonesRepository } from './zones.repository.js';

// French order (accents and case ignored, "Saint-" before "Sainte-"), whatever the database's collation.
const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });
const byName = (a: ZoneChoice, b: ZoneChoice): number =>
  collator.compare(a.name, b.name) || a.code.localeCompare(b.code);

/** Public reference data: the choices of the offer form's diffusion-zone picker. */
@Injectable()
export class ZonesService {
  constructor(private readonly zones: ZonesRepository) {}

  async list(tenant: Tenant): Promise<DiffusionZones> {
    const [epcis, territories] = [await this.zones.epcisOf(tenant.code), await this.zones.territories()];
    return { epcis: epcis.map(pick).sort(byName), territories: territories.map(pick).sort(byName) };
  }
}

const pick = ({ code, name }: ZoneChoice): ZoneChoice => ({ code, name });
