import { ConflictException } from '@nestjs/common';
import type { OrganizationsRepository } from './organizations.repository.js';

/** One live structure per SIRET in a tenant: 409 `siret_exists` naming the one to join instead. */
export async function refuseDuplicateSiret(
  organizations: OrganizationsRepository,
  siret: string,
  exceptId: string | null,
): Promise<void> {
  await organizations.lockSiret(siret);
  const existing = await organizations.findLiveBySiret(siret, exceptId);
  if (existing) {
    throw new ConflictException({
      code: 'siret_exists',
      message: 'Une structure avec ce SIRET existe déjà dans ce département : demandez à la rejoindre',
      organizationId: existing.id,
      parameter: 'siret',
    });
  }
}
