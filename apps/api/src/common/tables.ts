/**
 * Tables written by common/ itself: sessions and rate limits (auth/), the outbox (outbox/) and the
 * audit log (audit/). Modules declare theirs in their *.module.ts (`<NAME>_TABLES`).
 */
export const COMMON_TABLES = ['user_session', 'rate_limit', 'email_outbox', 'audit_log'] as const;
