import { SetMetadata } from '@nestjs/common';

export const ACCESS_KEY = 'access';

/** Who may call a route. Routes without a declared rule are refused (default deny). */
export type AccessRule = { kind: 'public' };

/** Open to anyone, signed in or not (the public catalogue). */
export const Public = () => SetMetadata(ACCESS_KEY, { kind: 'public' } satisfies AccessRule);
