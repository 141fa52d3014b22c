import { createHash } from 'node:crypto';
import {
  TOKEN_CACHE_MAX_ENTRIES,
  TOKEN_CACHE_TTL_MS,
  TokensService,
} from '../../src/case/auth/tokens.service';
import { createTestApp, type TestApp } from '../utils/create-app';

const T0 = new Date('2030-01-01T00:00:00Z');
const after = (ms: number) => new Date(T0.getTime() + ms);
const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

/** authenticate()'s cache of known tokens, on the service and the database it reads. */
describe('authenticating a token: the cache of known tokens', () => {
  let t: TestApp;
  let tokens: TokensService;
  beforeAll(async () => {
    t = await createTestApp();
    tokens = t.app.get(TokensService);
  });
  afterAll(() => t.close());

  const viewer = async (name: string, expiresAt?: Date) =>
    tokens.create(null, { name, role: 'viewer', expiresAt });
  const revokeInDatabase = (id: string) =>
    t.dataSource.query('UPDATE access_token SET revoked_at = now() WHERE id = $1', [id]);

  it('answers with the token principal', async () => {
    const { token, view } = await viewer('plain');
    await expect(tokens.authenticate(token, T0)).resolves.toEqual({
      tokenId: view.id,
      name: 'plain',
      role: 'viewer',
      reportId: null,
      team: null,
      clearance: false,
      review: null,
    });
    // From the cache, the same.
    await expect(tokens.authenticate(token, after(1))).resolves.toMatchObject({ tokenId: view.id });
  });

  it('refuses a token revoked on this instance at once, though it was cached', async () => {
    const { token, view } = await viewer('revoked here');
    await expect(tokens.authenticate(token, T0)).resolves.toMatchObject({ tokenId: view.id });
    await tokens.revoke(null, view.id);
    await expect(tokens.authenticate(token, T0)).resolves.toBe('revoked');
    await expect(tokens.authenticate(token, after(1))).resolves.toBe('revoked');
  });

  it('refuses a token revoked while its row was being read', async () => {
    const { token, view } = await viewer('revoked during a read');
    const [during] = await Promise.all([
      tokens.authenticate(token, T0),
      tokens.revoke(null, view.id),
    ]);
    // That request may have been let in (it started first); none after the revocation is.
    expect(during).not.toBe('unknown');
    await expect(tokens.authenticate(token, after(1))).resolves.toBe('revoked');
  });

  it('accepts a token revoked by another instance for at most the TTL', async () => {
    const { token, view } = await viewer('revoked elsewhere');
    await expect(tokens.authenticate(token, T0)).resolves.toMatchObject({ tokenId: view.id });
    await revokeInDatabase(view.id);
    await expect(tokens.authenticate(token, after(TOKEN_CACHE_TTL_MS - 1))).resolves.toMatchObject({
      tokenId: view.id,
    });
    await expect(tokens.authenticate(token, after(TOKEN_CACHE_TTL_MS))).resolves.toBe('revoked');
    // A clock that goes back does not make the old row good again either.
    await expect(tokens.authenticate(token, T0)).resolves.toBe('revoked');
  });

  it('refuses a cached token once it has expired, without reading it again', async () => {
    const expiresAt = new Date(Date.now() + 3_600_000);
    const { token, view } = await viewer('expiring', expiresAt);
    const before = new Date(expiresAt.getTime() - 1000);
    await expect(tokens.authenticate(token, before)).resolves.toMatchObject({ tokenId: view.id });
    // Gone from the database: only the cached row can answer within the TTL.
    await t.dataSource.query('DELETE FROM access_token WHERE id = $1', [view.id]);
    await expect(tokens.authenticate(token, expiresAt)).resolves.toBe('expired');
  });

  it('does not remember unknown tokens: one created after a refusal is let in', async () => {
    const token = 'lb_not-yet-known';
    await expect(tokens.authenticate(token, T0)).resolves.toBe('unknown');
    await t.dataSource.query(
      `INSERT INTO access_token (name, token_hash, role) VALUES ('late', $1, 'viewer')`,
      [hashOf(token)],
    );
    await expect(tokens.authenticate(token, T0)).resolves.toMatchObject({ name: 'late' });
  });

  it('remembers TOKEN_CACHE_MAX_ENTRIES tokens at most, forgetting the oldest read', async () => {
    const { token: first, view } = await viewer('oldest');
    await expect(tokens.authenticate(first, T0)).resolves.toMatchObject({ tokenId: view.id });
    await t.dataSource.query(
      `INSERT INTO access_token (name, token_hash, role)
       SELECT 'bulk ' || i, encode(sha256(convert_to('lb_bulk_' || i, 'UTF8')), 'hex'), 'viewer'
         FROM generate_series(1, $1::int) i`,
      [TOKEN_CACHE_MAX_ENTRIES],
    );
    for (let i = 1; i <= TOKEN_CACHE_MAX_ENTRIES; i++) {
      const principal = await tokens.authenticate(`lb_bulk_${i}`, T0);
      if (typeof principal === 'string') throw new Error(`lb_bulk_${i}: ${principal}`);
    }
    // Within the TTL, the first token's row is read again: it was forgotten.
    await revokeInDatabase(view.id);
    await expect(tokens.authenticate(first, after(1))).resolves.toBe('revoked');
    // The last one read is still remembered.
    await t.dataSource.query(`UPDATE access_token SET revoked_at = now() WHERE name = $1`, [
      `bulk ${TOKEN_CACHE_MAX_ENTRIES}`,
    ]);
    await expect(
      tokens.authenticate(`lb_bulk_${TOKEN_CACHE_MAX_ENTRIES}`, after(1)),
    ).resolves.toMatchObject({ name: `bulk ${TOKEN_CACHE_MAX_ENTRIES}` });
  });
});
