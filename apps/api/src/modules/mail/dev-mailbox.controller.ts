import { Controller, Get, Header, Inject, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import type { MailboxMessage } from '@catalogue/contracts';
import { Public } from '../../common/access/access.decorator.js';
import { APP_SETTINGS, type AppSettings } from '../../config/settings.js';
import { Mailbox } from './mailbox.js';
import { renderMailboxPage } from './mailbox-page.js';

/** Paths outside the API prefix (app.ts excludes them from it). */
export const DEV_MAILBOX_PATHS = ['dev/mailbox', 'dev/mailbox.json'];

/**
 * The emails caught in memory (demo and tests). Registered only outside production: there these
 * paths do not exist at all.
 */
@ApiExcludeController()
@Controller('dev')
export class DevMailboxController {
  constructor(
    private readonly mailbox: Mailbox,
    @Inject(APP_SETTINGS) private readonly settings: AppSettings,
  ) {}

  @Get('mailbox.json')
  @Public()
  @Header('Cache-Control', 'no-store')
  messages(): MailboxMessage[] {
    return this.mailbox.list();
  }

  @Get('mailbox')
  @Public()
  page(@Res() res: Response): void {
    // Its own policy: inline styles of the page and of the emails shown, nothing else.
    res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
    res.setHeader('Cache-Control', 'no-store');
    res.type('html').send(renderMailboxPage(this.mailbox.list(), this.settings.smtpUrl !== null));
  }
}
