import { useEffect, useState } from 'preact/hooks';
import { ApiError, onArgumentChanged, onReviewActivity, type ArgumentChange } from './api';
import {
  REPORTS,
  WHAT_BREAKS,
  type LatencyOverride,
  type ReportsData,
  type WhatBreaksData,
} from './queries';
import { routeHash, useRoute, VIEWS, type FindingsMode, type View } from './route';
import { useQuery } from './use-query';
import { CompareView } from './views/compare';
import { DiagramView } from './views/diagram';
import { MatrixView } from './views/matrix';
import { OverviewView } from './views/overview';
import { ProbabilityView } from './views/probability';
import { ReviewView } from './views/review';
import { RoadmapView } from './views/roadmap';
import { ScenariosView } from './views/scenarios';
import { SignIn } from './views/sign-in';
import { SimulationPanel } from './views/simulation';
import { TeamRequestsView } from './views/team';
import { clearToken, getToken } from './token';

const VIEW_LABELS: Record<View, string> = {
  overview: 'Overview',
  matrix: 'Load-bearing matrix',
  roadmap: 'Roadmap',
  probability: 'Probability',
  diagram: 'Argument diagram',
  scenarios: 'Scenarios',
  compare: 'Compare',
  review: 'Reviews',
  team: 'Teams',
};

const FINDINGS_LABELS: Record<FindingsMode, string> = {
  NONE: 'As written',
  ACCEPTED: 'With accepted findings',
  OPEN_AND_ACCEPTED: 'As reviewed',
};

/** The views whose queries cannot apply review findings, and what they show instead. */
const IGNORES_FINDINGS: Partial<Record<View, string>> = {
  compare: 'The comparison does not apply them: it compares the reports as written.',
  review:
    'A review’s impact always compares the argument with no findings to it with its open and accepted defeaters.',
};

/**
 * The simulation shared by every view: the keys made to fail, the mitigations whose response
 * steps are re-timed (SPEC §8), and what the API says breaks.
 */
export interface Simulation {
  failed: string[];
  retimed: LatencyOverride[];
  result?: WhatBreaksData['whatBreaks'];
  toggle: (key: string) => void;
  /** Re-times the mitigation's steps, replacing an earlier re-timing of it. */
  retime: (override: LatencyOverride) => void;
  /** Drops the mitigation's re-timing. */
  unretime: (mitigation: string) => void;
  clear: () => void;
}

/** The re-timings of every mitigation but this one. */
const exceptFor = (overrides: LatencyOverride[], mitigation: string) =>
  overrides.filter((o) => o.mitigation !== mitigation);

export function App() {
  const [route, navigate] = useRoute();
  const reports = useQuery<ReportsData>(REPORTS, {}, 0);
  const report = route.report ?? reports.data?.reports[0]?.key;
  const [refresh, setRefresh] = useState(0);
  const [live, setLive] = useState(false);
  const [lastChange, setLastChange] = useState<ArgumentChange>();
  const [failed, setFailed] = useState<string[]>([]);
  const [retimed, setRetimed] = useState<LatencyOverride[]>([]);
  const findings = route.findings ?? 'NONE';

  useEffect(() => {
    setFailed([]);
    setRetimed([]);
  }, [report]);
  useEffect(() => {
    if (!report) return;
    return onArgumentChanged(
      report,
      (change) => {
        setLastChange(change);
        setRefresh((n) => n + 1);
      },
      setLive,
    );
  }, [report]);
  // New findings and answers refresh the review and team views (and the badges).
  useEffect(() => {
    if (!report) return;
    return onReviewActivity(report, () => setRefresh((n) => n + 1));
  }, [report]);

  const simulating = failed.length > 0 || retimed.length > 0;
  const whatBreaks = useQuery<WhatBreaksData>(
    WHAT_BREAKS,
    { report, failed, latencies: retimed, findings },
    refresh,
    !report || !simulating,
  );
  const simulation: Simulation = {
    failed,
    retimed,
    result: simulating ? whatBreaks.data?.whatBreaks : undefined,
    toggle: (key) =>
      setFailed((keys) => (keys.includes(key) ? keys.filter((k) => k !== key) : [...keys, key])),
    retime: (override) =>
      setRetimed((overrides) => [...exceptFor(overrides, override.mitigation), override]),
    unretime: (mitigation) => setRetimed((overrides) => exceptFor(overrides, mitigation)),
    clear: () => {
      setFailed([]);
      setRetimed([]);
    },
  };

  if (reports.error instanceof ApiError && reports.error.code === 'UNAUTHENTICATED') {
    return <SignIn reason={getToken() ? reports.error.message : undefined} />;
  }
  if (reports.error) return <p class="error">Cannot reach the API: {reports.error.message}</p>;
  if (reports.data && !report) {
    return (
      <p class="empty">
        No report yet. Import a case file with the <code>importCase</code> mutation (see the README)
        or <code>npm run cli -- import FILE</code>.
      </p>
    );
  }
  return (
    <div class="layout">
      <header>
        <strong class="brand">loadbearing</strong>
        <select
          aria-label="Report"
          value={report}
          onChange={(e) => navigate({ report: e.currentTarget.value, view: route.view })}
        >
          {reports.data?.reports.map((r) => (
            <option key={r.key} value={r.key}>
              {r.title}
            </option>
          ))}
        </select>
        <nav>
          {VIEWS.map((view) => (
            <a
              key={view}
              href={routeHash({ report, view, findings: route.findings })}
              class={view === route.view ? 'active' : undefined}
              data-testid={`tab-${view}`}
            >
              {VIEW_LABELS[view]}
            </a>
          ))}
        </nav>
        <select
          aria-label="Review findings"
          title="View as reviewed: as written (no findings), with the accepted review defeaters, or with the open and accepted ones (SPEC §3.8)"
          value={findings}
          onChange={(e) =>
            navigate({ ...route, report, findings: e.currentTarget.value as FindingsMode })
          }
          data-testid="findings-mode"
        >
          {Object.entries(FINDINGS_LABELS).map(([mode, label]) => (
            <option key={mode} value={mode}>
              {label}
            </option>
          ))}
        </select>
        <span
          class={live ? 'live on' : 'live'}
          data-testid="live"
          data-version={lastChange?.version}
          title={live ? 'Updates arrive as statuses change' : 'Not connected: reload for news'}
        >
          {live ? 'live' : 'offline'}
        </span>
        <span class="muted small" data-testid="signed-in-as">
          {reports.data?.me.name} ({reports.data?.me.role})
        </span>
        <button
          class="sign-out"
          onClick={() => {
            clearToken();
            window.location.reload();
          }}
        >
          Sign out
        </button>
      </header>
      {lastChange && (
        <p class="last-change" data-testid="last-change">
          Just now:{' '}
          {lastChange.changes.map((c) => `${c.key} → ${c.to.replace('_', ' ')}`).join(', ')}
          {lastChange.broken.length > 0 &&
            ` · broke ${lastChange.broken.map((b) => b.key).join(', ')}`}
          {lastChange.restored.length > 0 &&
            ` · restored ${lastChange.restored.map((b) => b.key).join(', ')}`}
        </p>
      )}
      <main>
        {findings !== 'NONE' && (
          <p class="reviewed" data-testid="findings-applied" data-mode={findings}>
            Viewed as reviewed: {findings === 'ACCEPTED' ? 'accepted' : 'open and accepted'} review
            defeaters apply. {IGNORES_FINDINGS[route.view]}
          </p>
        )}
        {report && route.view === 'overview' && (
          <OverviewView
            report={report}
            refresh={refresh}
            simulation={simulation}
            findings={findings}
          />
        )}
        {report && route.view === 'matrix' && (
          <MatrixView
            report={report}
            refresh={refresh}
            simulation={simulation}
            findings={findings}
          />
        )}
        {report && route.view === 'roadmap' && (
          <RoadmapView report={report} refresh={refresh} findings={findings} />
        )}
        {report && route.view === 'probability' && (
          <ProbabilityView report={report} refresh={refresh} findings={findings} />
        )}
        {report && route.view === 'diagram' && (
          <DiagramView
            report={report}
            pathway={route.pathway}
            onPathway={(pathway) => navigate({ report, view: 'diagram', pathway })}
            refresh={refresh}
            simulation={simulation}
            findings={findings}
          />
        )}
        {report && route.view === 'scenarios' && (
          <ScenariosView
            report={report}
            pathway={route.pathway}
            onPathway={(pathway) => navigate({ report, view: 'scenarios', pathway })}
            refresh={refresh}
            simulation={simulation}
            findings={findings}
          />
        )}
        {report && route.view === 'compare' && (
          <CompareView
            report={report}
            reports={reports.data?.reports}
            other={route.other}
            onOther={(other) => navigate({ report, view: 'compare', other })}
            refresh={refresh}
          />
        )}
        {report && route.view === 'team' && (
          <TeamRequestsView
            // A new team starts empty: the previous team's requests never show under its name.
            key={route.team}
            report={report}
            team={route.team}
            onTeam={(team) => navigate({ report, view: 'team', team })}
            findings={findings}
            refresh={refresh}
          />
        )}
        {report && route.view === 'review' && (
          <ReviewView report={report} review={route.review} findings={findings} refresh={refresh} />
        )}
      </main>
      {report && (
        <SimulationPanel
          report={report}
          refresh={refresh}
          simulation={simulation}
          findings={findings}
          error={whatBreaks.error}
        />
      )}
    </div>
  );
}
