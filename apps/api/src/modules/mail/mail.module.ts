import { Module, type DynamicModule } from '@nestjs/common';
import { APP_SETTINGS, type AppSettings } from '../../config/settings.js';
import { DevMailboxController } from './dev-mailbox.controller.js';
import { Mailbox } from './mailbox.js';
import { createMailTransport, MAIL_TRANSPORT } from './mail-transport.js';
import { MailWorker } from './mail-worker.js';

/** Delivery of the outbox (worker + transport); the demo mailbox pages only outside production. */
@Module({})
export class MailModule {
  static with(settings: AppSettings): DynamicModule {
    return {
      module: MailModule,
      controllers: settings.production ? [] : [DevMailboxController],
      providers: [
        Mailbox,
        {
          provide: MAIL_TRANSPORT,
          useFactory: (s: AppSettings, mailbox: Mailbox) => createMailTransport(s, mailbox),
          inject: [APP_SETTINGS, Mailbox],
        },
        MailWorker,
      ],
      exports: [Mailbox, MailWorker],
    };
  }
}
