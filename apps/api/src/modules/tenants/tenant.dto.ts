import type { TenantSummary } from '@catalogue/contracts';
import { ApiProperty } from '@nestjs/swagger';

export class TenantDto implements TenantSummary {
  @ApiProperty({ example: '26', description: 'Code INSEE du département' })
  code!: string;

  @ApiProperty({ example: 'drome' })
  slug!: string;

  @ApiProperty({ example: 'Drôme' })
  name!: string;

  @ApiProperty({ example: [4.68, 44.22, 5.39, 45.33], description: '[lngMin, latMin, lngMax, latMax]', type: [Number] })
  bbox!: number[];
}
