import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEmbeddedApp } from '../utils/create-app';

describe('first start on an empty embedded database', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'loadbearing-first-start-'));
  const QUERY = '{ reports { key version counts { pathways claims mitigations evidence } } }';

  it('loads the example case once, and keeps the data across restarts', async () => {
    const first = await createEmbeddedApp(dataDir);
    const seeded = await first.gql(QUERY);
    await first.close();
    expect(seeded.errors).toBeUndefined();
    expect(seeded.data).toEqual({
      reports: [
        {
          key: 'pilot-2025',
          version: 1,
          counts: { pathways: 9, claims: 40, mitigations: 33, evidence: 22 },
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
    expect(after.data).toEqual({ reports: [{ key: 'pilot-2025', title: 'Kept', version: 2 }] });
  });
});
