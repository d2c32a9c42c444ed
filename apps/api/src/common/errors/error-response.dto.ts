import { ApiProperty } from '@nestjs/swagger';

export class ErrorResponseDto {
  @ApiProperty({ example: 400 })
  statusCode!: number;

  @ApiProperty({ example: 'invalid_parameter', description: 'Code stable, à tester côté client' })
  code!: string;

  @ApiProperty({ example: 'radiusKm must not be less than 0' })
  message!: string;
}
