import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Public } from '../../common/access/access.decorator.js';

@ApiTags('Supervision')
@Controller('health')
export class HealthController {
  constructor(private readonly dataSource: DataSource) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'État du service (répond quand la base répond)' })
  @ApiOkResponse({ schema: { example: { status: 'ok' } } })
  async check(): Promise<{ status: 'ok' }> {
    try {
      await this.dataSource.query('SELECT 1');
    } catch {
      throw new ServiceUnavailableException({ code: 'database_unavailable', message: 'Base de données injoignable' });
    }
    return { status: 'ok' };
  }
}
