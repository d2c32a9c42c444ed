import type { OutlineGeometry, TenantDetail, TenantSummary } from '@catalogue/contracts';
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

export class TenantDetailDto extends TenantDto implements TenantDetail {
  @ApiProperty({
    description:
      'Contour simplifié du département, géométrie GeoJSON `Polygon` ou `MultiPolygon` en WGS 84 (paires `[lng, lat]`, Natural Earth, domaine public) ; null si inconnu',
    nullable: true,
    type: 'object',
    additionalProperties: true,
    example: {
      type: 'Polygon',
      coordinates: [
        [
          [4.68, 44.22],
          [5.39, 44.22],
          [5.39, 45.33],
          [4.68, 44.22],
        ],
      ],
    },
  })
  outline!: OutlineGeometry | null;
}
