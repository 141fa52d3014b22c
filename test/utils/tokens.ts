import type { TestApp } from './create-app';

export interface TokenInput {
  name?: string;
  role: string;
  report?: string;
  team?: string;
  clearance?: boolean;
  review?: string;
  expiresAt?: string;
}

const CREATE = `mutation($input: CreateAccessTokenInput!) {
  createAccessToken(input: $input) { token accessToken { id } }
}`;

/** A new token made by the administrator; returns its secret and id. */
export async function createToken(
  t: TestApp,
  input: TokenInput,
  as = t.adminToken,
): Promise<{ token: string; id: string }> {
  const res = await t.gqlAs<{ createAccessToken: { token: string; accessToken: { id: string } } }>(
    as,
    CREATE,
    { input: { name: input.name ?? `${input.role} token`, ...input } },
  );
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  const created = res.data!.createAccessToken;
  return { token: created.token, id: created.accessToken.id };
}
