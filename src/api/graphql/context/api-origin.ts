import type { RequestAuth } from '../../../case/auth/request-auth';
import type { ChangeOrigin } from '../../../case/history/change-origin';

/** A change through the API, by the token of the request. */
export async function apiOrigin(
  auth: RequestAuth,
  note: string | undefined,
): Promise<ChangeOrigin> {
  return { source: 'api', actor: (await auth.principal()).name, note: note ?? null };
}
