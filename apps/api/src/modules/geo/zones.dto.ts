import type { DiffusionZones, ZoneChoice } from '@catalogue/contracts';
import { ApiProperty } from '@nestjs/swagger';

export class ZoneChoiceDto implements ZoneChoice {
  @ApiProperty({ example: '200068781', description: 'SIREN de l’EPCI ou code du territoire' }) code!: string;
  @ApiProperty({ example: 'CA Valence Romans Agglo' }) name!: string;
}

export class DiffusionZonesDto implements DiffusionZones {
  @ApiProperty({
    type: [ZoneChoiceDto],
    description: 'Intercommunalités ayant au moins une commune dans le département, par nom',
  })
  epcis!: ZoneChoiceDto[];
  @ApiProperty({ type: [ZoneChoiceDto], description: 'Territoires définis par le département, par nom' })
  territories!: ZoneChoiceDto[];
}
