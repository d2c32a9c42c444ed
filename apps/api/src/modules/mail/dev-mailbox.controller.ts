import { Controller, Get, Header, Inject, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { MailboxMessage } from '@catalogue/contracts';
import { Public } from '../../common/access/access.decorator.js';
import { notFound } from '../../common/errors/app-errors.js';
import { isLoopbackPeer } from '../../common/security/loopback.js';
import { APP_SETTINGS, type AppSettings } from '../../config/settings.js';
import { Mailbox } from './mailbox.js';
import { renderMailboxPage } from './mailbox-page.js';

/** Paths outside the API prefix (app.ts excludes them from it). */
export const DEV_MAILBOX_PATHS = ['dev/mailbox', 'dev/mailbox.json'];

/**
 * The emails caught in memory (demo and tests). Registered only outside production: there these
 * paths do not exist at all. Elsewhere they answer only a client on this machine (the socket's
 * peer is a loopback address): the messages hold live sign-in links, so anyone else gets the same
 * 404 as an unknown address, even when the server listens on the network (HOST=0.0.0.0).
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
  messages(@Req() req: Request): MailboxMessage[] {
    if (!isLoopbackPeer(req)) throw notFound('Page');
    return this.mailbox.list();
  }

  @Get('mailbox')
  @Public()
  page(@Req() req: Request, @Res() res: Response): void {
    if (!isLoopbackPeer(req)) throw notFound('Page');
    // Its own policy: inline styles of the page and of the emails shown, nothing else.
    res.setHeader(
      'Content-Security-Policy',
      "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    );
    res.setHeader('Cache-Control', 'no-store');
    res.type('html').send(renderMailboxPage(this.mailbox.list(), this.settings.smtpUrl !== null));
  }
}
