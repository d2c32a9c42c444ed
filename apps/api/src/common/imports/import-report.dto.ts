// The answer of every import (the partners' spreadsheet, a data·inclusion file) as OpenAPI
// describes it: one set of classes, since OpenAPI names a schema by its class name and two
// classes named alike would leave one route described by the other's schema. The shape is
// ImportReport of @catalogue/contracts.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ImportLineError, ImportLineReport, ImportLineStatus, ImportReport } from '@catalogue/contracts';

const STATUSES: ImportLineStatus[] = ['created', 'updated', 'unchanged', 'refused'];

export class ImportLineErrorDto implements ImportLineError {
  @ApiProperty({
    description: 'La colonne du tableur (son nom dans l’en-tête) ou le champ data·inclusion en cause',
    example: 'thematiques',
  })
  column!: string;
  @ApiProperty({ description: 'Ce qui ne va pas, en français', example: 'Code inconnu « xyz » dans « thematiques »' })
  message!: string;
}

export class ImportLineReportDto implements ImportLineReport {
  @ApiProperty({
    minimum: 1,
    description:
      'Tableur ou CSV : ligne du fichier (l’en-tête est la ligne 1) ; JSON : rang de l’enregistrement (dès 1)',
    example: 2,
  })
  line!: number;
  @ApiProperty({
    enum: STATUSES,
    description: 'Ce que l’import fait de la ligne (ou ferait, lors d’une vérification)',
  })
  status!: ImportLineStatus;
  @ApiProperty({ type: [ImportLineErrorDto] }) errors!: ImportLineErrorDto[];
  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description:
      'L’offre ou la structure créée ou mise à jour (absent si refusée ; null pour une création en vérification)',
  })
  id?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Le titre ou le nom de la ligne' })
  label?: string | null;
  @ApiPropertyOptional({
    enum: ['structure', 'service'],
    description: 'Import data·inclusion : le genre d’enregistrement',
  })
  kind?: 'structure' | 'service';
}

export class ImportCountsDto implements Record<ImportLineStatus, number> {
  @ApiProperty({ minimum: 0 }) created!: number;
  @ApiProperty({ minimum: 0 }) updated!: number;
  @ApiProperty({ minimum: 0 }) unchanged!: number;
  @ApiProperty({ minimum: 0 }) refused!: number;
}

export class ImportReportDto implements ImportReport {
  @ApiProperty({ description: 'Vérification seule : rien n’a été enregistré' }) dryRun!: boolean;
  @ApiProperty({ type: ImportCountsDto }) counts!: ImportCountsDto;
  @ApiProperty({ type: [ImportLineReportDto] }) lines!: ImportLineReportDto[];
}
