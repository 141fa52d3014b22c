import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { parseCaseFile } from '../src/core/case-format/parse-case-file';
import { MATRIX, OVERVIEW, ROADMAP, TEAM_CONTROLS, WHAT_BREAKS } from '../web/src/queries';

/** The dashboard's default view: no review findings applied. */
const AS_WRITTEN = 'NONE';
import { databaseUrl, graphqlClient, psql, startService, type RunningService } from './service';

/**
 * `npm run load`: the example case under a mix of reads, analyses and status changes from 50
 * concurrent connections for 30 s (autocannon, over HTTP on 127.0.0.1), after 5 s of the same load
 * on the same connections to warm up (its figures printed apart, its errors counted), on PostgreSQL (the local
 * server or DATABASE_URL, in a database of its own) and on embedded PGlite. The service runs in
 * its own process in production mode, as for `npm run bench`. Every response is checked: a
 * non-2xx status, a body that is not JSON, a body with `errors` or without the data asked for all
 * count as errors, as do connection errors and timeouts. Exits 1 on any error; the latency
 * target (p99 < 100 ms) is reported as PASS or MISS. The per-token rate limit is off for the
 * service under load (RATE_LIMIT_PER_MINUTE=0): every connection uses the administrator's token.
 *
 *   npm run load -- [--duration 30] [--warmup 5] [--connections 50] [--backend both|postgres|pglite] [--seed 1]
 *                   [--cpu-prof DIR]   (the service writes a V8 CPU profile to DIR when it stops)
 *                   [--kinds K,K,...]  (only these request kinds, e.g. "overview,whatBreaks")
 */
const TARGET_P99_MS = 100;
const LOAD_DB = 'lb_load';
const EXAMPLE_DOCUMENT = readFileSync(
  join(__dirname, '../examples/pilot-sabotage-risk-report.yaml'),
  'utf8',
);
const EXAMPLE = parseCaseFile({ text: EXAMPLE_DOCUMENT }).case!;
const REPORT = EXAMPLE.report.key;
/** The mitigations whose status the run toggles between in_place and degraded (all in_place in the file). */
const TOGGLED = [
  'egress-monitor', // monitoring: weakens the exfiltration arguments
  'need-to-know-access', // load-bearing for developer-leaks: degraded, that pathway breaks
  'automated-transcript-monitor',
  'incident-paging',
];
const NODE_KEYS = [
  ...EXAMPLE.pathways,
  ...EXAMPLE.claims,
  ...EXAMPLE.mitigations,
  ...EXAMPLE.evidence,
].map((n) => n.key);
const MITIGATION_KEYS = EXAMPLE.mitigations.map((m) => m.key);
const CUT_SET_KEYS = [...EXAMPLE.pathways, ...EXAMPLE.claims.slice(0, 10)].map((n) => n.key);

const NODE = `query Node($report: String!, $key: String!) {
  report(key: $report) {
    node(key: $key) {
      key nodeKind
      ... on Pathway { title holds margin requires supports { key nodeKind } loadBearing { key team } }
      ... on Claim { statement holds margin requires supports { key nodeKind } supportOf { key } loadBearing { key } }
      ... on Mitigation { title team mitigationStatus: status holds supportOf { key nodeKind } dependsOn { key } dependents { key } loadBearingFor { key } loadBearingForClaims { key } }
      ... on Evidence { title evidenceStatus: status holds validUntil supportOf { key } loadBearingFor { key } }
    }
  }
}`;
const HISTORY = `query History($report: String!, $key: String!) {
  report(key: $report) {
    version
    history(limit: 50) { key nodeKind from to at source actor note }
    node(key: $key) { ... on Mitigation { status history(limit: 10) { from to at source note } } }
  }
}`;
const CUT_SETS = `query CutSets($report: String!, $key: String!) {
  cutSets(report: $report, key: $key, limit: 20) { total completeToOrder sets { keys } }
}`;
const SET_STATUS = `mutation SetStatus($report: String!, $key: String!, $status: MitigationStatus!) {
  setMitigationStatus(report: $report, key: $key, status: $status, note: "load test") { key status holds }
}`;
const STATE = `query State($report: String!) {
  report(key: $report) { pathways { key holds margin } mitigations { key status } }
}`;

type Data = Record<string, unknown> & { report?: Record<string, unknown> | null };
interface Kind {
  readonly name: string;
  readonly group: 'read' | 'analysis' | 'status change';
  /** Percent of the requests. */
  readonly weight: number;
  readonly describe: string;
  request(random: () => number): { query: string; variables: Record<string, unknown> };
  /** Whether the answer's data holds what was asked for. */
  ok(data: Data): boolean;
}

/** Counts, per mitigation, the status changes sent: odd ones degrade it, even ones restore it. */
const flips = new Map<string, number>();
const pick = <T>(items: readonly T[], random: () => number): T =>
  items[Math.floor(random() * items.length)];
const reportOk = (data: Data) => data.report !== null && data.report !== undefined;

const KINDS: readonly Kind[] = [
  {
    name: 'overview',
    group: 'read',
    weight: 25,
    describe:
      "the dashboard's overview: pathways with holds, margin, load-bearing; history; expiring",
    request: () => ({ query: OVERVIEW, variables: { report: REPORT, findings: AS_WRITTEN } }),
    ok: reportOk,
  },
  {
    name: 'node',
    group: 'read',
    weight: 20,
    describe: 'one node by key (random, any kind) with its links both ways and its analysis fields',
    request: (random) => ({
      query: NODE,
      variables: { report: REPORT, key: pick(NODE_KEYS, random) },
    }),
    ok: (data) => (data.report?.node ?? null) !== null,
  },
  {
    name: 'history',
    group: 'read',
    weight: 10,
    describe: "the report's last 50 status changes and a toggled mitigation's last 10",
    request: (random) => ({
      query: HISTORY,
      variables: { report: REPORT, key: pick(TOGGLED, random) },
    }),
    ok: reportOk,
  },
  {
    name: 'team controls',
    group: 'read',
    weight: 5,
    describe: "the dashboard's team view: every team's controls, each with what rests on it alone",
    request: () => ({ query: TEAM_CONTROLS, variables: { report: REPORT } }),
    ok: reportOk,
  },
  {
    name: 'whatBreaks',
    group: 'analysis',
    weight: 12,
    describe: "the dashboard's what-breaks panel: 1 random mitigation failed (2 in a third)",
    request: (random) => {
      const failed = [pick(MITIGATION_KEYS, random)];
      if (random() < 1 / 3) failed.push(pick(MITIGATION_KEYS, random));
      return {
        query: WHAT_BREAKS,
        variables: { report: REPORT, failed: [...new Set(failed)], findings: AS_WRITTEN },
      };
    },
    ok: (data) => !!data.whatBreaks,
  },
  {
    name: 'roadmap + plan',
    group: 'analysis',
    weight: 6,
    describe: "the dashboard's roadmap view: roadmap and a budget plan, in a random order",
    request: (random) => ({
      query: ROADMAP,
      variables: {
        report: REPORT,
        order: pick(['default', 'perEffort', 'pathwaysFirst'], random),
        budget: pick([10, 20, 40], random),
        findings: AS_WRITTEN,
      },
    }),
    ok: (data) => !!data.roadmap && !!data.plan,
  },
  {
    name: 'loadBearingMatrix',
    group: 'analysis',
    weight: 6,
    describe: "the dashboard's matrix: every mitigation × pathway cell",
    request: () => ({ query: MATRIX, variables: { report: REPORT, findings: AS_WRITTEN } }),
    ok: (data) => !!data.loadBearingMatrix,
  },
  {
    name: 'cutSets',
    group: 'analysis',
    weight: 6,
    describe: 'minimal cut sets (at most 20) of a random pathway or claim',
    request: (random) => ({
      query: CUT_SETS,
      variables: { report: REPORT, key: pick(CUT_SET_KEYS, random) },
    }),
    ok: (data) => !!data.cutSets,
  },
  {
    name: 'setMitigationStatus',
    group: 'status change',
    weight: 10,
    describe: `one of ${TOGGLED.length} mitigations to degraded, the next change of it back to in_place`,
    request: (random) => {
      const key = pick(TOGGLED, random);
      const n = (flips.get(key) ?? 0) + 1;
      flips.set(key, n);
      return {
        query: SET_STATUS,
        variables: { report: REPORT, key, status: n % 2 === 1 ? 'degraded' : 'in_place' },
      };
    },
    ok: (data) => !!data.setMitigationStatus,
  },
];

const USAGE =
  'usage: npm run load -- [--duration S] [--warmup S] [--connections N] [--backend both|postgres|pglite] [--seed N] [--cpu-prof DIR]\n' +
  `                       [--kinds K,K,...] (of: ${KINDS.map((k) => k.name).join(', ')})`;

/** mulberry32: a small seeded generator, so a run's sequence of requests can be repeated. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** Picks one of `kinds` at random, in proportion to their weights. */
function pickKind(kinds: readonly Kind[], random: () => number): Kind {
  let r = random() * kinds.reduce((n, k) => n + k.weight, 0);
  for (const kind of kinds) {
    r -= kind.weight;
    if (r < 0) return kind;
  }
  return kinds[kinds.length - 1];
}

/** Why a response counts as an error, or undefined when it does not. */
function verdict(kind: Kind, status: number, body: string): string | undefined {
  if (status < 200 || status > 299) return `HTTP ${status}: ${body.slice(0, 160)}`;
  let parsed: {
    data?: Data | null;
    errors?: { message?: string; extensions?: { code?: string } }[];
  };
  try {
    parsed = JSON.parse(body) as typeof parsed;
  } catch {
    return `not JSON: ${body.slice(0, 160)}`;
  }
  if (parsed.errors?.length) {
    const e = parsed.errors[0];
    return `GraphQL error ${e.extensions?.code ?? ''}: ${e.message ?? ''}`.slice(0, 200);
  }
  if (!parsed.data || !kind.ok(parsed.data)) return 'no errors, but not the data asked for';
  return undefined;
}

interface KindStats {
  latencies: number[];
  non2xx: number;
  bodyErrors: number;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const ms = (x: number) => (Number.isNaN(x) ? '–' : x < 10 ? x.toFixed(1) : x.toFixed(0));
const loads = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

/** Busy and total jiffies of the whole machine (/proc/stat), and a process's own (utime+stime). */
function cpuTimes(pid: number): { busy: number; total: number; proc: number } {
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0].split(/\s+/).slice(1).map(Number);
  const total = cpu.reduce((a, b) => a + b, 0);
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return {
    busy: total - cpu[3] - (cpu[4] ?? 0),
    total,
    proc: Number(fields[11]) + Number(fields[12]),
  };
}

interface Options {
  duration: number;
  connections: number;
  seed: number;
  /** Seconds of the same load before the measured run (its figures printed apart). */
  warmup: number;
  /** The request kinds to mix (all by default), each at its weight. */
  kinds: readonly Kind[];
  /** A directory: the service runs with --cpu-prof and writes its profile there on exit. */
  cpuProf?: string;
}

/** One backend: start the service, import the example, warm up, run the load, check the case. */
async function loadTarget(label: string, env: NodeJS.ProcessEnv, opts: Options): Promise<number> {
  console.log(`\n${label}: starting the service (load average ${loads()})`);
  // Every connection sends the one admin token: the per-token rate limit (600 a minute by
  // default) would refuse most of the load, so it is off (0) here; the test measures the service.
  const service: RunningService = await startService(
    label,
    { ...env, RATE_LIMIT_PER_MINUTE: '0' },
    opts.cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${resolve(opts.cpuProf)}`] : [],
  );
  try {
    return await runLoad(label, service, opts);
  } finally {
    await service.stop();
  }
}

interface Run {
  readonly result: autocannon.Result;
  /** Latencies of the warm-up's responses. */
  readonly warmup: number[];
  /** Of the measured window only. */
  readonly stats: ReadonlyMap<string, KindStats>;
  /** Error descriptions, with how many responses each (warm-up included). */
  readonly errorSamples: ReadonlyMap<string, number>;
  /** Latencies per 5-second window, to tell a steady state from a stall or a slow start. */
  readonly windows: number[][];
  /** The slowest responses: latency, kind, and when they ended (seconds into the measured run). */
  readonly slowest: readonly { ms: number; kind: string; at: number }[];
  /** Connection errors, timeouts, non-2xx answers and answers without the data asked for. */
  readonly errors: number;
}

/**
 * One closed-loop run of the mix, every answer checked: `opts.warmup` seconds, then the measured
 * `opts.duration` seconds on the same connections. `measuring` is called as the second begins.
 */
async function runMix(
  service: RunningService,
  opts: Options,
  random: () => number,
  measuring: () => void,
): Promise<Run> {
  const stats = new Map<string, KindStats>(
    opts.kinds.map((k) => [k.name, { latencies: [], non2xx: 0, bodyErrors: 0 }]),
  );
  const warmup: number[] = [];
  const errorSamples = new Map<string, number>();
  let errors = 0;
  /** The kind of the response just checked: autocannon's 'response' event follows at once. */
  let lastKind: string | undefined;
  const windows: number[][] = [];
  let slowest: { ms: number; kind: string; at: number }[] = [];
  const started = performance.now();
  let measured = opts.warmup === 0;
  if (measured) measuring();
  type Context = { kind?: Kind };
  const { instance, result } = await new Promise<{
    instance: autocannon.Instance;
    result: autocannon.Result;
  }>((resolve, reject) => {
    const instance = autocannon(
      {
        url: service.url,
        connections: opts.connections,
        duration: opts.warmup + opts.duration,
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${service.token}`,
        },
        requests: [
          {
            setupRequest: (request, context: Context) => {
              const kind = pickKind(opts.kinds, random);
              context.kind = kind;
              return { ...request, body: JSON.stringify(kind.request(random)) };
            },
            onResponse: (status, body, context: Context) => {
              const kind = context.kind!;
              lastKind = kind.name;
              const why = verdict(kind, status, body);
              if (why === undefined) return;
              errors++;
              const s = stats.get(kind.name)!;
              if (status < 200 || status > 299) s.non2xx++;
              else s.bodyErrors++;
              const sample = `${kind.name}: ${why}`;
              errorSamples.set(sample, (errorSamples.get(sample) ?? 0) + 1);
            },
          },
        ],
      },
      (err: unknown, result: autocannon.Result) =>
        err
          ? reject(err instanceof Error ? err : new Error(JSON.stringify(err)))
          : resolve({ instance, result }),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => {
      const kindName = lastKind ?? '?';
      lastKind = undefined;
      const at = (performance.now() - started) / 1000 - opts.warmup;
      if (at < 0) {
        warmup.push(responseTime);
        return;
      }
      if (!measured) {
        measured = true;
        measuring();
      }
      if (kindName !== '?') stats.get(kindName)!.latencies.push(responseTime);
      (windows[Math.floor(at / 5)] ??= []).push(responseTime);
      if (slowest.length < 5 || responseTime > slowest[4].ms) {
        slowest.push({ ms: responseTime, kind: kindName, at });
        slowest = slowest.sort((a, b) => b.ms - a.ms).slice(0, 5);
      }
    });
  });
  instance.removeAllListeners();
  // result.errors counts connection errors, the timeouts among them.
  return { result, warmup, stats, errorSamples, windows, slowest, errors: errors + result.errors };
}

async function runLoad(label: string, service: RunningService, opts: Options): Promise<number> {
  const gql = graphqlClient(service.url, service.token);
  await gql('mutation($d: String!) { importCase(document: $d, replace: true) { version } }', {
    d: EXAMPLE_DOCUMENT,
  });
  const before = (await gql<Data>(STATE, { report: REPORT })).data.report;

  // Each kind 5 times, one request at a time, every answer checked (a broken query stops here
  // with its error rather than as thousands of errors under load).
  const random = seeded(opts.seed);
  for (const kind of opts.kinds) {
    for (let i = 0; i < 5; i++) {
      const { query, variables } = kind.request(random);
      const { data } = await gql<Data>(query, variables);
      if (!kind.ok(data)) throw new Error(`${kind.name}: not the data asked for`);
    }
  }

  // The first seconds of a fresh process run code the JIT has not optimised yet, which is not
  // the service's steady state: a warm-up at full load, on the same connections, before the
  // measured run (its figures printed apart, its errors counted).
  console.log(
    `${label}: ${opts.connections} connections for ${opts.warmup} s to warm up, then ${opts.duration} s measured, against ${service.url}`,
  );
  let loadBefore = '';
  let cpuBefore = cpuTimes(service.pid);
  let clientCpuBefore = process.cpuUsage();
  const { result, warmup, stats, errorSamples, windows, slowest, errors } = await runMix(
    service,
    opts,
    random,
    () => {
      loadBefore = loads();
      cpuBefore = cpuTimes(service.pid);
      clientCpuBefore = process.cpuUsage();
    },
  );
  const duration = opts.duration;
  const cpuAfter = cpuTimes(service.pid);
  const clientCpu = process.cpuUsage(clientCpuBefore);
  const loadAfter = loads();

  // autocannon leaves the requests in flight at the end unanswered; the service still runs them.
  // Wait until no write lands for a second, so that none lands after the restore below.
  const versionOf = async () =>
    (await gql<Data>('query($r: String!) { report(key: $r) { version } }', { r: REPORT })).data
      .report?.version;
  for (let last = await versionOf(), i = 0; i < 30; i++) {
    await new Promise((r) => setTimeout(r, 1000));
    const now = await versionOf();
    if (now === last) break;
    last = now;
  }
  // Put the toggled mitigations back, then the case must argue exactly what it did before.
  for (const key of TOGGLED) {
    await gql(SET_STATUS, { report: REPORT, key, status: 'in_place' });
  }
  const after = (await gql<Data>(STATE, { report: REPORT })).data.report;
  const restored = JSON.stringify(after) === JSON.stringify(before);

  const all = [...stats.values()].flatMap((s) => s.latencies).sort((a, b) => a - b);
  const responses = all.length;
  const non2xx = [...stats.values()].reduce((n, s) => n + s.non2xx, 0);
  const bodyErrors = [...stats.values()].reduce((n, s) => n + s.bodyErrors, 0);
  const p99 = percentile(all, 99);
  const busy = (cpuAfter.busy - cpuBefore.busy) / (cpuAfter.total - cpuBefore.total);
  const peakRss = service.peakRssMb();

  const warm = warmup.sort((a, b) => a - b);
  console.log(`\n${label}: ${opts.connections} connections, ${duration} s measured`);
  console.log(
    `  warm-up     ${opts.warmup} s before: ${(warm.length / opts.warmup).toFixed(0)} req/s, p50 ${ms(percentile(warm, 50))} ms, ` +
      `p99 ${ms(percentile(warm, 99))} ms, max ${ms(warm[warm.length - 1] ?? NaN)} ms (not in the figures below but errors)`,
  );
  // Whole windows only: responses still come in for a moment after the last.
  const perSecond = windows.slice(0, Math.floor(duration / 5)).map((w) => w.length / 5);
  console.log(
    `  throughput  ${(responses / duration).toFixed(0)} req/s (${responses} responses; ` +
      `per 5 s: min ${Math.min(...perSecond).toFixed(0)}, max ${Math.max(...perSecond).toFixed(0)} req/s)`,
  );
  console.log(
    `  latency     p50 ${ms(percentile(all, 50))} ms, p90 ${ms(percentile(all, 90))} ms, ` +
      `p99 ${ms(p99)} ms, max ${ms(all[all.length - 1] ?? NaN)} ms ` +
      `(mean ${ms(all.reduce((a, b) => a + b, 0) / responses)} ms)`,
  );
  console.log(
    `  p99 per 5 s ${windows
      .map((w) =>
        ms(
          percentile(
            w.sort((a, b) => a - b),
            99,
          ),
        ),
      )
      .join(', ')} ms`,
  );
  console.log(
    `  slowest     ${slowest.map((x) => `${ms(x.ms)} ms ${x.kind} (ended at ${x.at.toFixed(0)} s)`).join('; ')}`,
  );
  console.log(
    `  target      p99 < ${TARGET_P99_MS} ms: ${p99 < TARGET_P99_MS ? 'PASS' : 'MISS'}; zero errors: ${errors === 0 ? 'PASS' : 'FAIL'}`,
  );
  console.log(
    `  errors      ${errors}: ${non2xx} non-2xx, ${bodyErrors} 2xx with GraphQL errors or without the data asked for ` +
      `(every body checked), ${result.errors - result.timeouts} connection errors, ${result.timeouts} timeouts (10 s); ` +
      'warm-up included',
  );
  for (const [sample, n] of [...errorSamples].sort((a, b) => b[1] - a[1]).slice(0, 5)) {
    console.log(`      ${n} × ${sample}`);
  }
  if (non2xx !== result.non2xx) {
    console.log(`  (autocannon counted ${result.non2xx} non-2xx: a response was missed)`);
  }
  console.log(
    `  case after  ${TOGGLED.length} toggled mitigations set back to in_place: every pathway's holds and margin ` +
      `and every status as after the import: ${restored ? 'yes' : 'NO (counted as an error)'}`,
  );
  console.log(
    `  machine     load average ${loadBefore} before, ${loadAfter} after; CPU ${(busy * 100).toFixed(0)}% busy ` +
      `(${availableParallelism()} cores; service process ${((cpuAfter.proc - cpuBefore.proc) / duration).toFixed(0)}% of one core, ` +
      `this client ${((clientCpu.user + clientCpu.system) / 1e4 / duration).toFixed(0)}% of one core); ` +
      `service peak RSS ${peakRss ?? '?'} MB`,
  );
  console.log('  mix                    share  responses  p50 ms  p90 ms  p99 ms  max ms  errors');
  for (const kind of opts.kinds) {
    const s = stats.get(kind.name)!;
    const sorted = s.latencies.sort((a, b) => a - b);
    console.log(
      `    ${`${kind.name} (${kind.group})`.padEnd(34)} ${`${((sorted.length / responses) * 100).toFixed(1)}%`.padStart(6)}` +
        `${String(sorted.length).padStart(11)}${ms(percentile(sorted, 50)).padStart(8)}${ms(percentile(sorted, 90)).padStart(8)}` +
        `${ms(percentile(sorted, 99)).padStart(8)}${ms(sorted[sorted.length - 1] ?? NaN).padStart(8)}` +
        `${String(s.non2xx + s.bodyErrors).padStart(8)}`,
    );
  }
  return errors + (restored ? 0 : 1);
}

function parseOptions(): (Options & { backend: string }) | undefined {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string', short: 'd', default: '30' },
      warmup: { type: 'string', default: '5' },
      connections: { type: 'string', short: 'c', default: '50' },
      backend: { type: 'string', short: 'b', default: 'both' },
      seed: { type: 'string', default: '1' },
      kinds: { type: 'string' },
      'cpu-prof': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const duration = Number(values.duration);
  const warmup = Number(values.warmup);
  const connections = Number(values.connections);
  const seed = Number(values.seed);
  const names = values.kinds?.split(',').map((name) => name.trim()) ?? KINDS.map((k) => k.name);
  const kinds = KINDS.filter((k) => names.includes(k.name));
  if (
    values.help ||
    !(duration > 0) ||
    !(warmup >= 0) ||
    !Number.isInteger(connections) ||
    connections < 1 ||
    !Number.isInteger(seed) ||
    kinds.length !== names.length ||
    !['both', 'postgres', 'pglite'].includes(values.backend)
  ) {
    return undefined;
  }
  return {
    duration,
    warmup,
    connections,
    seed,
    kinds,
    backend: values.backend,
    cpuProf: values['cpu-prof'],
  };
}

async function main(): Promise<number> {
  let opts: ReturnType<typeof parseOptions>;
  try {
    opts = parseOptions();
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    opts = undefined;
  }
  if (!opts) {
    console.error(USAGE);
    return 2;
  }
  const share = (group: Kind['group']) =>
    opts.kinds.filter((k) => k.group === group).reduce((n, k) => n + k.weight, 0);
  console.log(
    `Load test on the example case (${REPORT}): ${opts.connections} connections for ${opts.duration} s per backend, ` +
      `POST /graphql, a random mix (seed ${opts.seed}) of ${share('read')}% reads, ${share('analysis')}% analyses, ` +
      `${share('status change')}% status changes:`,
  );
  for (const kind of opts.kinds) {
    console.log(`  ${String(kind.weight).padStart(3)}%  ${kind.name.padEnd(20)} ${kind.describe}`);
  }
  let failures = 0;
  if (opts.backend !== 'pglite') {
    if (
      psql(`DROP DATABASE IF EXISTS ${LOAD_DB} WITH (FORCE)`) &&
      psql(`CREATE DATABASE ${LOAD_DB}`)
    ) {
      try {
        failures += await loadTarget('PostgreSQL', { DATABASE_URL: databaseUrl(LOAD_DB) }, opts);
      } finally {
        psql(`DROP DATABASE IF EXISTS ${LOAD_DB} WITH (FORCE)`);
      }
    } else if (opts.backend === 'postgres') {
      console.error('\nPostgreSQL: no server answers at DATABASE_URL or 127.0.0.1:5432');
      return 1;
    } else {
      console.log('\nPostgreSQL: skipped (no server answers at DATABASE_URL or 127.0.0.1:5432)');
    }
  }
  if (opts.backend !== 'postgres') {
    failures += await loadTarget('embedded PGlite', { DATABASE_URL: '' }, opts);
  }
  return failures === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
