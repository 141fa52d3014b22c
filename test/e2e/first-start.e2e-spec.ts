import { mkdtempSync, readFileSync } from 'node:fs';
import { Logger } from '@nestjs/common';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEmbeddedApp } from '../utils/create-app';

describe('first start on an empty embedded database', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'loadbearing-first-start-'));
  const QUERY = '{ reports { key version counts { pathways claims mitigations evidence } } }';

  it('loads the example cases once, and keeps the data across restarts', async () => {
    const log = jest.spyOn(Logger.prototype, 'log');
    const first = await createEmbeddedApp(dataDir);
    const seeded = await first.gql(QUERY);
    await first.close();
    // The sign-in link carries the token in its fragment, which no server, Referer or access log sees.
    const token = readFileSync(join(dataDir, 'admin-token'), 'utf8').trim();
    const printed = log.mock.calls.map(([message]) => String(message)).join('\n');
    log.mockRestore();
    expect(printed).toMatch(new RegExp(`Dashboard: +http://localhost:\\d+/#\\?token=${token}\n`));
    expect(printed).not.toContain(`/?token=`);
    expect(seeded.errors).toBeUndefined();
    expect(seeded.data).toEqual({
      reports: [
        // The next model's draft: one pathway dropped, one split in two.
        {
          key: 'next-model-2026',
          version: 1,
          counts: { pathways: 9, claims: 39, mitigations: 31, evidence: 22 },
        },
        {
          key: 'pilot-2025',
          version: 1,
          counts: { pathways: 9, claims: 40, mitigations: 36, evidence: 22 },
        },
      ],
    });

    const second = await createEmbeddedApp(dataDir);
    const renamed = await second.gql(
      'mutation { updateReport(key: "pilot-2025", input: { title: "Kept" }) { version } }',
    );
    await second.close();
    expect(renamed.data).toEqual({ updateReport: { version: 2 } });

    const third = await createEmbeddedApp(dataDir);
    const after = await third.gql('{ reports { key title version } }');
    await third.close();
    expect(after.data).toEqual({
      reports: [
        {
          key: 'next-model-2026',
          title: expect.stringContaining('Next-model') as unknown,
          version: 1,
        },
        { key: 'pilot-2025', title: 'Kept', version: 2 },
      ],
    });
  });
});
