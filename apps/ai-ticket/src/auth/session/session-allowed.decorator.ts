import { SetMetadata } from '@nestjs/common';

export const SESSION_ALLOWED = 'ai-ticket:session-allowed';

/**
 * Read-only dashboard routes that also accept the session cookie, because EventSource cannot send an
 * Authorization header. Only safe (GET) requests honour it; everything else still needs a token.
 */
export const SessionAllowed = () => SetMetadata(SESSION_ALLOWED, true);
