import { SetMetadata } from '@nestjs/common';
import type { Permission } from '../../case/auth/policy';

export const ACCESS_KEY = 'loadbearing:access';

/** What an HTTP endpoint needs: no token at all, or a token with this permission. */
export type HttpAccess = 'public' | Extract<Permission, 'hook' | 'metrics'>;

/**
 * Every controller says what it needs; the guard refuses endpoints that do not (so a new
 * endpoint is closed until someone decides).
 */
export const Access = (access: HttpAccess) => SetMetadata(ACCESS_KEY, access);
