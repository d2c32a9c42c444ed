import { everyone, type AccessCase } from '../../common/access/access-cases.js';

/** The demo mailbox (outside production): at the root, open to everyone. */
export const MAIL_CASES: AccessCase[] = [
  { route: 'GET /dev/mailbox', expect: everyone(200), request: () => ({ path: '/dev/mailbox', absolute: true }) },
  {
    route: 'GET /dev/mailbox.json',
    expect: everyone(200),
    request: () => ({ path: '/dev/mailbox.json', absolute: true }),
  },
];
