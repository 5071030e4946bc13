/**
 * Builds a workspace's weekly digest from the services the dashboard uses, so
 * its numbers are the dashboard's: the week against the four weeks before,
 * tier changes, the teams that moved most, the week's failed deployments and
 * incidents, maturity levels reached and newcomers' first merges.
 */
import type { Db } from "@/db/client";
import { LEVELS } from "@/lib/maturity/rubric";
import type { Tier } from "@/lib/metrics/types";
import { formatDate } from "@/lib/metrics/window";
import type { JudgedValues, SourceStarts } from "@/lib/withheld";
import { countsBehind, formatChange, formatHeadline } from "@/lib/format";
import { compareHeadline } from "@/lib/service/comparison";
import { headlineValue, metricTier, METRIC_INFO } from "@/lib/service/definitions";
import { listWorkspaceTeams, repositoryNames } from "@/lib/service/lookups";
import { getLevelHistory } from "@/lib/service/maturity";
import { getDrillDownTable, getMetricsReport, workspaceFacts, workspaceSourceStarts } from "@/lib/service/metrics";
import { resolveQuery } from "@/lib/service/scope";
import { dashboardLinks, httpLink } from "@/lib/digest/links";
import type { DigestMetric, DigestModel, LevelReached, TeamMove, TierChange } from "@/lib/digest/model";
import { firstMergesOfNewcomers, onboardingDays } from "@/lib/digest/newcomers";
import { weeksBefore, type IsoWeek } from "@/lib/digest/week";
import { DAY_MS } from "@/lib/time";

/** Which digest: a workspace, an ISO week, and where the dashboard is for links. */
export interface DigestQuery {
  workspace: string;
  week: IsoWeek;
  publicUrl: string;
  now?: number;
}

const TIER_RANK: Record<Tier, number> = { low: 0, medium: 1, high: 2, elite: 3 };
const MOVERS = 3;
const ITEMS = 20;

/** Each metric of the week against the weeks before (which end where the week begins). */
function compareMetrics(
  current: JudgedValues,
  previous: JudgedValues,
  starts: SourceStarts,
  week: { from: number; to: number },
) {
  return METRIC_INFO.map((info) => ({ info, change: compareHeadline(info.name, current, previous, starts, week) }));
}

/** The teams that improved (score > 0) and regressed (< 0) most: metrics better minus metrics worse. */
async function teamMoves(
  db: Db,
  workspaceId: number,
  q: { workspace: string; week: { from: string; to: string }; baseline: { from: string; to: string } },
  link: (team: string) => string,
  starts: SourceStarts,
  window: { from: number; to: number },
) {
  const moves: TeamMove[] = [];
  for (const team of await listWorkspaceTeams(db, workspaceId)) {
    const [now, before] = await Promise.all([
      getMetricsReport(db, { workspace: q.workspace, ...q.week, team: team.id }),
      getMetricsReport(db, { workspace: q.workspace, ...q.baseline, team: team.id }),
    ]);
    const changed = compareMetrics(now, before, starts, window).filter(
      (c) => c.change.verdict === "better" || c.change.verdict === "worse",
    );
    const score = changed.reduce((s, c) => s + (c.change.verdict === "better" ? 1 : -1), 0);
    const changes = changed.map(
      (c) => `${c.info.shortTitle.toLowerCase()} ${formatChange(c.info.name, c.change.delta, c.change.relative)}`,
    );
    moves.push({ id: team.id, name: team.name, score, changes, url: link(team.id) });
  }
  const byName = (a: TeamMove, b: TeamMove) => a.name.localeCompare(b.name);
  return {
    improved: moves
      .filter((m) => m.score > 0)
      .sort((a, b) => b.score - a.score || byName(a, b))
      .slice(0, MOVERS),
    regressed: moves
      .filter((m) => m.score < 0)
      .sort((a, b) => a.score - b.score || byName(a, b))
      .slice(0, MOVERS),
  };
}

/** Scopes whose latest recorded level in the week is above their latest before it. */
async function levelsReached(
  db: Db,
  slug: string,
  workspaceId: number,
  week: IsoWeek,
  link: (team: string | null) => string,
): Promise<LevelReached[]> {
  const scopes = [
    { id: null as string | null, name: "The organisation" },
    ...(await listWorkspaceTeams(db, workspaceId)).map((t) => ({ id: t.id as string | null, name: t.name })),
  ];
  const reached: LevelReached[] = [];
  for (const scope of scopes) {
    const history = await getLevelHistory(db, slug, scope.id);
    const before = history.filter((p) => p.assessedAt < week.from).at(-1);
    const during = history.filter((p) => p.assessedAt >= week.from && p.assessedAt < week.to).at(-1);
    if (before && during && during.level > before.level) {
      reached.push({
        team: scope.id,
        name: scope.name,
        from: before.level,
        to: during.level,
        levelName: LEVELS[during.level - 1]?.name ?? `level ${during.level}`,
        url: link(scope.id),
      });
    }
  }
  return reached;
}

/** The weekly digest of a workspace for one ISO week. */
export async function buildDigestModel(db: Db, q: DigestQuery): Promise<DigestModel> {
  const links = dashboardLinks(q.publicUrl);
  const slug = q.workspace;
  const week = { from: formatDate(q.week.from), to: formatDate(q.week.to) };
  const base = weeksBefore(q.week, 4);
  const baseline = { from: formatDate(base.from), to: formatDate(base.to) };
  const { workspace } = await resolveQuery(db, { workspace: slug, ...week });
  const starts = await workspaceSourceStarts(db, workspace);
  const window = { from: q.week.from, to: q.week.to };
  const [current, previous] = await Promise.all([
    getMetricsReport(db, { workspace: slug, ...week }),
    getMetricsReport(db, { workspace: slug, ...baseline }),
  ]);

  const metrics: DigestMetric[] = compareMetrics(current, previous, starts, window).map(({ info, change }) => ({
    metric: info.name,
    title: info.title,
    unit: info.unit,
    value: change.current,
    valueText: formatHeadline(info.name, headlineValue(info.name, current)),
    previous: change.previous,
    previousText: formatHeadline(info.name, headlineValue(info.name, previous)),
    change: formatChange(info.name, change.delta, change.relative),
    verdict: change.verdict,
    unavailable: change.unavailable,
    withheld: current.withheld[info.name],
    tier: metricTier(info.name, current),
    previousTier: metricTier(info.name, previous),
    detail: countsBehind(info.name, current, "brief"),
    url: links.metric(slug, info.slug, week),
    previousUrl: links.metric(slug, info.slug, baseline),
  }));
  const tierChanges: TierChange[] = metrics.flatMap((m) =>
    m.tier && m.previousTier && m.tier !== m.previousTier
      ? [
          {
            metric: m.metric,
            title: m.title,
            from: m.previousTier,
            to: m.tier,
            direction: TIER_RANK[m.tier] > TIER_RANK[m.previousTier] ? ("up" as const) : ("down" as const),
            url: m.url,
          },
        ]
      : [],
  );

  const cfr = (await getDrillDownTable(db, { workspace: slug, ...week }, "changeFailureRate")).table;
  const col = (columns: string[], name: string) => columns.indexOf(name);
  const failedRows = cfr.rows.filter((r) => r[col(cfr.columns, "failed")] === true);
  const cfrUrl = links.metric(slug, "change-failure-rate", week);
  const names = await repositoryNames(db, workspace.id);
  const failedDeployments = failedRows.slice(0, ITEMS).map((r) => ({
    id: String(r[col(cfr.columns, "deployment")]),
    repository: names.get(String(r[col(cfr.columns, "repository")])) ?? String(r[col(cfr.columns, "repository")]),
    finishedAt: Date.parse(String(r[col(cfr.columns, "finishedAt")])),
    why: String(r[col(cfr.columns, "why")] ?? "failed"),
    sourceUrl: httpLink(r[col(cfr.columns, "url")] as string | null),
    url: cfrUrl,
  }));

  const ttr = (await getDrillDownTable(db, { workspace: slug, ...week }, "timeToRestore")).table;
  const ttrUrl = links.metric(slug, "time-to-restore", week);
  const incidents = ttr.rows.slice(0, ITEMS).map((r) => ({
    id: String(r[col(ttr.columns, "incident")]),
    title: (r[col(ttr.columns, "title")] as string | null) ?? null,
    openedAt: Date.parse(String(r[col(ttr.columns, "openedAt")])),
    restoreHours: (r[col(ttr.columns, "restoreHours")] as number | null) ?? null,
    attributedTo: String(r[col(ttr.columns, "attributedTo")]),
    sourceUrl: httpLink(r[col(ttr.columns, "url")] as string | null),
    url: ttrUrl,
  }));

  const merges = firstMergesOfNewcomers(await workspaceFacts(db, workspace), q.week);
  // The onboarding drill-down lists newcomers by start, so its window opens at the earliest of their starts.
  const earliestStart = merges.length
    ? Math.floor(Math.min(...merges.map((m) => m.start)) / DAY_MS) * DAY_MS
    : q.week.from;
  const newcomersUrl = links.metric(slug, "onboarding", {
    from: formatDate(Math.min(earliestStart, q.week.from)),
    to: week.to,
  });

  return {
    workspace: { slug, name: workspace.name },
    week: q.week.label,
    ...week,
    baseline,
    generatedAt: q.now ?? Date.now(),
    dashboardUrl: links.home(slug),
    metrics,
    tierChanges,
    ...(await teamMoves(
      db,
      workspace.id,
      { workspace: slug, week, baseline },
      (team) => links.team(slug, team, week),
      starts,
      window,
    )),
    failedDeployments: { count: failedRows.length, url: cfrUrl, items: failedDeployments },
    incidents: { count: ttr.rows.length, open: current.timeToRestore.open, url: ttrUrl, items: incidents },
    levels: await levelsReached(db, slug, workspace.id, q.week, (team) => links.maturity(slug, team)),
    newcomers: {
      count: merges.length,
      url: newcomersUrl,
      items: merges.slice(0, ITEMS).map((m) => ({
        id: m.person.id,
        name: m.person.name,
        team: m.person.teamId,
        mergedAt: m.merged.at,
        pullRequest: `${m.merged.repositoryId}#${m.merged.number}`,
        onboardingDays: onboardingDays(m),
        sourceUrl: httpLink(m.merged.url),
        url: m.person.teamId ? links.team(slug, m.person.teamId, week) : newcomersUrl,
      })),
    },
  };
}
