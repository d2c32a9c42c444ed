// The OpenAPI shape of the open data page's metadata (each class `implements` its contract). The
// records themselves are described by the shipped JSON Schemas (data-inclusion-schemas.ts).
import { ApiProperty } from '@nestjs/swagger';
import type { DataInclusionExportAddresses, DataInclusionExportInfo } from '@catalogue/contracts';

export class DataInclusionExportAddressesDto implements DataInclusionExportAddresses {
  @ApiProperty({ format: 'uri', description: 'Adresse nue (répond en JSON)' }) api!: string;
  @ApiProperty({ format: 'uri', description: 'Fichier JSON' }) json!: string;
  @ApiProperty({ format: 'uri', description: 'Fichier CSV' }) csv!: string;
}

class LicenceDto {
  @ApiProperty({ example: 'Licence Ouverte / Open Licence version 2.0' }) name!: string;
  @ApiProperty({ example: 'etalab-2.0' }) spdx!: string;
  @ApiProperty({ format: 'uri' }) url!: string;
}

class SchemaVersionDto {
  @ApiProperty({ example: '1.0.8' }) version!: string;
  @ApiProperty({ format: 'uri' }) documentation!: string;
}

class ExportCountsDto {
  @ApiProperty({ description: 'Structures validées' }) structures!: number;
  @ApiProperty({ description: 'Offres publiées des structures validées' }) services!: number;
}

export class DataInclusionExportInfoDto implements DataInclusionExportInfo {
  @ApiProperty({ example: 'catalogue-insertion-drome', description: 'Le champ `source` de chaque enregistrement' })
  source!: string;
  @ApiProperty({ type: LicenceDto }) licence!: LicenceDto;
  @ApiProperty({ type: SchemaVersionDto }) schema!: SchemaVersionDto;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Dernière modification de ce qui est exporté (null : rien encore)',
  })
  lastModified!: string | null;
  @ApiProperty({ type: ExportCountsDto }) counts!: ExportCountsDto;
  @ApiProperty({ type: DataInclusionExportAddressesDto }) structures!: DataInclusionExportAddressesDto;
  @ApiProperty({ type: DataInclusionExportAddressesDto }) services!: DataInclusionExportAddressesDto;
}
