import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { ErrorResponseDto } from '../../common/errors/error-response.dto.js';
import { DataSource } from 'typeorm';
import { Public } from '../../common/access/access.decorator.js';

@ApiTags('Supervision')
@Controller('health')
export class HealthController {
  constructor(private readonly dataSource: DataSource) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'État du service (répond quand la base répond)' })
  @ApiOkResponse({
    schema: {
      type: 'object',
      properties: { status: { type: 'string', enum: ['ok'] } },
      required: ['status'],
      example: { status: 'ok' },
    },
  })
  @ApiServiceUnavailableResponse({ description: 'Base injoignable (`database_unavailable`)', type: ErrorResponseDto })
  async check(): Promise<{ status: 'ok' }> {
    try {
      await this.dataSource.query('SELECT 1');
    } catch {
      throw new ServiceUnavailableException({ code: 'database_unavailable', message: 'Base de données injoignable' });
    }
    return { status: 'ok' };
  }
}
