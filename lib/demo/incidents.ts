/**
 * Incidents caused by production deployments at each team's rate, linked the
 * many ways real paging tools link them (a deployment, a causing sha, only a
 * service, only a team), plus a few that nobody could attribute and a couple
 * still open at `now`.
 */
import { DAY_MS, HOUR_MS, MINUTE_MS } from "@/lib/time";
import { PRODUCTION } from "./deployments";
import type { DemoDeployment, DemoIncident, DemoRepository } from "./model";
import { RateQuota, type Random } from "./random";
import { TEAMS, type TeamSpec } from "./teams";

type Severity = DemoIncident["severity"];
type Attribution = "deployment" | "causeSha" | "repository" | "team";

const SYMPTOMS = [
  "Elevated 5xx rate on",
  "Latency SLO burn on",
  "Error budget exhausted for",
  "Crash loop in",
  "Timeouts calling",
  "Memory leak in",
  "Degraded throughput on",
  "Bad config rolled out to",
];
/** Restore time relative to the team's median: a sev1 gets everybody on the call, a sev4 waits for office hours. */
const SEVERITY_PACE: Record<Severity, number> = { sev1: 0.6, sev2: 0.8, sev3: 1, sev4: 1.7 };

function severity(rng: Random): Severity {
  return rng.weighted<Severity>([
    ["sev1", 0.05],
    ["sev2", 0.2],
    ["sev3", 0.45],
    ["sev4", 0.3],
  ]);
}

function resolved(rng: Random, now: number, team: TeamSpec, openedAt: number, level: Severity): number | undefined {
  const median = team.performance.restoreHours;
  const resolvedAt = openedAt + Math.max(3 * MINUTE_MS, rng.logNormal(median * SEVERITY_PACE[level], 0.65) * HOUR_MS);
  return resolvedAt <= now ? resolvedAt : undefined;
}

/** The incidents a team's production deployments cause, at its incident rate. */
function incidentsOfTeam(
  rng: Random,
  now: number,
  team: TeamSpec,
  deployments: readonly DemoDeployment[],
): Omit<DemoIncident, "id">[] {
  const quota = new RateQuota(team.performance.incidentRate, rng);
  const out: Omit<DemoIncident, "id">[] = [];
  const shipped = deployments
    .filter(
      (d) =>
        d.repository.team.id === team.id &&
        d.environment === PRODUCTION &&
        d.status === "success" &&
        d.finishedAt !== undefined,
    )
    .sort((a, b) => (a.finishedAt ?? 0) - (b.finishedAt ?? 0));
  for (const deployment of shipped) {
    if (!quota.hit()) continue;
    const openedAt = (deployment.finishedAt ?? deployment.createdAt) + Math.min(20, rng.logNormal(1.2, 0.9)) * HOUR_MS;
    if (openedAt > now) continue;
    const level = severity(rng);
    const repository = deployment.repository;
    const how = rng.weighted<Attribution>([
      ["deployment", 0.35],
      ["causeSha", 0.2],
      ["repository", 0.3],
      ["team", 0.15],
    ]);
    out.push({
      openedAt,
      resolvedAt: resolved(rng, now, team, openedAt, level),
      title: `${rng.pick(SYMPTOMS)} ${repository.slug}`,
      severity: level,
      source: team.incidentSource,
      repositoryId: how === "team" ? undefined : repository.id,
      teamId: how === "team" || how === "deployment" ? team.id : undefined,
      deploymentId: how === "deployment" ? deployment.id : undefined,
      causeSha: how === "causeSha" ? deployment.sha : undefined,
    });
  }
  return out;
}

/** Incidents nobody tied to a deploy: upstream outages, a batch job that breaks on its own, and a couple still open. */
function standaloneIncidents(
  rng: Random,
  now: number,
  historyStart: number,
  repositories: readonly DemoRepository[],
): Omit<DemoIncident, "id">[] {
  const span = now - historyStart;
  const out: Omit<DemoIncident, "id">[] = [];
  for (const title of ["Upstream payment provider outage", "Cloud provider network degradation in eu-west-1"]) {
    const openedAt = historyStart + rng.between(0.1, 0.9) * span;
    out.push({
      openedAt,
      resolvedAt: openedAt + rng.between(1.5, 5) * HOUR_MS,
      title,
      severity: "sev2",
      source: "pagerduty",
    });
  }
  const batch = repositories.find((r) => r.slug === "invoice-batch");
  if (batch) {
    // The nightly batch fails without any deploy: repository-only incidents, usually outside the attribution window.
    for (let i = 0; i < 3; i++) {
      const openedAt = historyStart + rng.between(0.05, 0.95) * span;
      const level = severity(rng);
      out.push({
        openedAt,
        resolvedAt: resolved(rng, now, batch.team, openedAt, level),
        title: "Nightly invoice run did not finish",
        severity: level,
        source: "opsgenie",
        repositoryId: batch.id,
      });
    }
  }
  const fresh = repositories.find((r) => r.slug === "reviews-service");
  if (fresh)
    out.push({
      openedAt: now - 3 * HOUR_MS,
      title: "Elevated 5xx rate on reviews-service",
      severity: "sev2",
      source: "pagerduty",
      repositoryId: fresh.id,
    });
  out.push({
    openedAt: now - 1.3 * DAY_MS,
    title: "Invoice PDFs render with wrong VAT rounding",
    severity: "sev3",
    source: "opsgenie",
    teamId: "billing",
  });
  return out;
}

/** Every incident of the workspace, with tool-like ids in the order they were opened. */
export function generateIncidents(
  rng: Random,
  now: number,
  historyStart: number,
  repositories: readonly DemoRepository[],
  deployments: readonly DemoDeployment[],
): DemoIncident[] {
  const all = [
    ...TEAMS.flatMap((team) => incidentsOfTeam(rng, now, team, deployments)),
    ...standaloneIncidents(rng, now, historyStart, repositories),
  ];
  all.sort((a, b) => a.openedAt - b.openedAt);
  let pagerduty = 3000 + rng.int(0, 999);
  let opsgenie = 700 + rng.int(0, 99);
  return all.map((incident) => ({
    ...incident,
    id: incident.source === "pagerduty" ? `PD-${pagerduty++}` : `OG-${opsgenie++}`,
  }));
}
