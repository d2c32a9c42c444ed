// The import's answer as OpenAPI describes it (the shape is ImportReport of @catalogue/contracts).
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ImportLineError, ImportLineReport, ImportLineStatus, ImportReport } from '@catalogue/contracts';

const STATUSES: ImportLineStatus[] = ['created', 'updated', 'unchanged', 'refused'];

export class ImportLineErrorDto implements ImportLineError {
  @ApiProperty({ description: 'Le champ data·inclusion en cause (`thematiques`, `code_insee`…)' }) column!: string;
  @ApiProperty({ description: 'Ce qui ne va pas, en français' }) message!: string;
}

export class ImportLineReportDto implements ImportLineReport {
  @ApiProperty({
    minimum: 1,
    description: 'JSON : rang de l’enregistrement (dès 1) ; CSV : ligne du fichier (l’en-tête est la ligne 1)',
  })
  line!: number;
  @ApiProperty({ enum: STATUSES }) status!: ImportLineStatus;
  @ApiProperty({ type: [ImportLineErrorDto] }) errors!: ImportLineErrorDto[];
  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'La structure ou l’offre (absent si refusée ; null pour une création en vérification)',
  })
  id?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Le nom de la structure ou du service' })
  label?: string | null;
  @ApiPropertyOptional({ enum: ['structure', 'service'] }) kind?: 'structure' | 'service';
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
