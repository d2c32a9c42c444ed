// The import report's OpenAPI shape (ImportReport of the contracts).
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ImportLineError, ImportLineReport, ImportLineStatus, ImportReport } from '@catalogue/contracts';

const STATUSES: ImportLineStatus[] = ['created', 'updated', 'unchanged', 'refused'];

export class ImportLineErrorDto implements ImportLineError {
  @ApiProperty({ description: 'La colonne en cause (son nom dans l’en-tête)', example: 'thematiques' })
  column!: string;
  @ApiProperty({ description: 'Ce qui ne va pas, en français', example: 'Code inconnu « xyz » dans « thematiques »' })
  message!: string;
}

export class ImportLineReportDto implements ImportLineReport {
  @ApiProperty({ description: 'Numéro de ligne du fichier, l’en-tête étant la ligne 1', example: 2 })
  line!: number;
  @ApiProperty({ enum: STATUSES, description: '`created` (créée, ou à créer lors d’un essai) ou `refused`' })
  status!: ImportLineStatus;
  @ApiProperty({ type: [ImportLineErrorDto] })
  errors!: ImportLineErrorDto[];
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'L’offre créée (import réel)' })
  id?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Le titre de la ligne' })
  label?: string | null;
}

class ImportCountsDto implements Record<ImportLineStatus, number> {
  @ApiProperty() created!: number;
  @ApiProperty() updated!: number;
  @ApiProperty() unchanged!: number;
  @ApiProperty() refused!: number;
}

export class ImportReportDto implements ImportReport {
  @ApiProperty({ description: 'Essai : rien n’a été enregistré' })
  dryRun!: boolean;
  @ApiProperty({ type: ImportCountsDto })
  counts!: ImportCountsDto;
  @ApiProperty({ type: [ImportLineReportDto] })
  lines!: ImportLineReportDto[];
}
