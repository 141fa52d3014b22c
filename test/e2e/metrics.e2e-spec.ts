import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { parse } from 'yaml';
import { createToken } from '../utils/tokens';
import { createTestApp, type TestApp } from '../utils/create-app';
import { IMPORT, SPEC_EXAMPLE } from '../utils/fixtures';

const TOKEN = 'metrics-secret';

describe('GET /metrics', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ metricsToken: TOKEN });
    expect((await t.gql(IMPORT, { document: SPEC_EXAMPLE })).errors).toBeUndefined();
  });
  afterAll(() => t.close());

  const scrape = async () => {
    const res = await request(t.http).get('/metrics').set('Authorization', `Bearer ${TOKEN}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    return res.text;
  };

  it('exports each pathway’s holding and margin, each control’s status and load-bearing count, and evidence counts', async () => {
    const text = await scrape();
    expect(text).toContain(
      'loadbearing_pathway_holds{report="pilot-2025",pathway="self-exfiltration"} 1',
    );
    // no-coherent-goals rests on alignment-audit alone (interp-probes is planned): margin 1.
    expect(text).toContain(
      'loadbearing_pathway_margin{report="pilot-2025",pathway="self-exfiltration"} 1',
    );
    expect(text).toContain(
      'loadbearing_mitigation_status{report="pilot-2025",mitigation="egress-monitor",team="infra",status="in_place"} 1',
    );
    expect(text).toContain(
      'loadbearing_mitigation_holds{report="pilot-2025",mitigation="interp-probes",team="interpretability"} 0',
    );
    expect(text).toContain(
      'loadbearing_mitigation_load_bearing_pathways{report="pilot-2025",mitigation="weight-file-permissions",team="security"} 0',
    );
    expect(text).toContain('loadbearing_evidence{report="pilot-2025",status="valid"} 1');
    expect(text).toMatch(/^process_resident_memory_bytes \d+/m);
  });

  it('follows status changes at the next scrape', async () => {
    await t.gql(
      'mutation { setEvidenceStatus(report: "pilot-2025", key: "alignment-audit", status: stale) { key } }',
    );
    const text = await scrape();
    expect(text).toContain(
      'loadbearing_pathway_holds{report="pilot-2025",pathway="self-exfiltration"} 0',
    );
    expect(text).toContain(
      'loadbearing_pathway_margin{report="pilot-2025",pathway="self-exfiltration"} 0',
    );
    expect(text).toContain('loadbearing_evidence{report="pilot-2025",status="stale"} 1');
    expect(text).not.toContain('loadbearing_evidence{report="pilot-2025",status="valid"} 1');
  });

  it('needs the token', async () => {
    expect((await request(t.http).get('/metrics')).status).toBe(401);
    expect((await request(t.http).get('/metrics').set('Authorization', 'Bearer nope')).status).toBe(
      401,
    );
  });

  it('ships example alerting rules that use only metrics the service exports', async () => {
    const rules = parse(
      readFileSync(join(__dirname, '../../examples/prometheus/loadbearing-rules.yml'), 'utf8'),
    ) as {
      groups: { rules: { alert: string; expr: string }[] }[];
    };
    const exported = new Set([...(await scrape()).matchAll(/^# TYPE (\w+)/gm)].map((m) => m[1]));
    const exprs = rules.groups.flatMap((g) => g.rules.map((r) => r.expr));
    expect(exprs.length).toBeGreaterThanOrEqual(4);
    for (const expr of exprs) {
      for (const [name] of expr.matchAll(/loadbearing_\w+/g)) expect(exported).toContain(name);
    }
  });
});

describe('GET /metrics with tokens from the API (no METRICS_TOKEN)', () => {
  it('answers a metrics token only', async () => {
    const t = await createTestApp();
    try {
      const scrape = (token?: string) => {
        const req = request(t.http).get('/metrics');
        return token ? req.set('Authorization', `Bearer ${token}`) : req;
      };
      expect((await scrape()).status).toBe(401);
      expect((await scrape(t.adminToken)).status).toBe(403);
      expect((await scrape((await createToken(t, { role: 'hook' })).token)).status).toBe(403);
      const metrics = await scrape((await createToken(t, { role: 'metrics' })).token);
      expect(metrics.status).toBe(200);
      expect(metrics.text).toContain('# TYPE loadbearing_');
    } finally {
      await t.close();
    }
  });
});
