import type { Db } from "@/db/client";
import * as fold from "@/lib/identities/fold";
import * as resolve from "@/lib/identities/resolve";
import * as attribution from "@/lib/metrics/attribution";
import * as catalog from "@/lib/metrics/catalog";
import * as changeFailureRate from "@/lib/metrics/change-failure-rate";
import * as codingTime from "@/lib/metrics/coding-time";
import * as countedNumbers from "@/lib/metrics/counted-numbers";
import * as coverage from "@/lib/metrics/coverage";
import * as deploymentFrequency from "@/lib/metrics/deployment-frequency";
import * as facts from "@/lib/metrics/facts";
import * as factsIndex from "@/lib/metrics/facts-index";
import * as timeOrder from "@/lib/metrics/time-order";
import * as firstDeploy from "@/lib/metrics/first-deploy";
import * as graphLinks from "@/lib/metrics/graph-links";
import * as engine from "@/lib/metrics/index";
import * as leadTime from "@/lib/metrics/lead-time";
import * as leadTimeLinks from "@/lib/metrics/lead-time-links";
import * as onboarding from "@/lib/metrics/onboarding";
import * as percentile from "@/lib/metrics/percentile";
import * as recovery from "@/lib/metrics/recovery";
import * as rework from "@/lib/metrics/rework";
import * as scope from "@/lib/metrics/scope";
import * as targets from "@/lib/metrics/targets";
import * as tiers from "@/lib/metrics/tiers";
import * as timeToRestore from "@/lib/metrics/time-to-restore";
import * as window from "@/lib/metrics/window";
import { formatDate } from "@/lib/metrics/window";
import { readStoredReport, type StoredReportKey, storeReport } from "@/lib/queries/metric-reports";
import * as metricsData from "@/lib/queries/metrics-data";
import * as metricsRows from "@/lib/queries/metrics-rows";
import * as teamMetricsData from "@/lib/queries/team-metrics-data";
import * as withheld from "@/lib/withheld";
import type { JudgedReport } from "@/lib/withheld";
import type { ResolvedQuery } from "./scope";

/**
 * Bump when a report's numbers change for the same data in a way the code of
 * the modules below does not show (the stored reports of the old engine are
 * then never read).
 */
const REPORT_FORMAT = 1;

/** The code that turns stored rows into a report: the engine, its reads, and the judgement. */
const ENGINE = {
  fold,
  resolve,
  attribution,
  catalog,
  changeFailureRate,
  codingTime,
  countedNumbers,
  coverage,
  deploymentFrequency,
  facts,
  factsIndex,
  timeOrder,
  firstDeploy,
  graphLinks,
  engine,
  leadTime,
  leadTimeLinks,
  onboarding,
  percentile,
  recovery,
  rework,
  scope,
  targets,
  tiers,
  timeToRestore,
  window,
  metricsData,
  metricsRows,
  teamMetricsData,
  withheld,
};

let revision: string | null = null;

/**
 * Which engine computed a report: a hash of the source text of every function
 * and value the modules above export, so a stored report is read only by the
 * code that would compute the same one (an upgrade that changes a metric
 * starts afresh). FNV-1a over the text; not a secret, only a fingerprint.
 */
export function engineRevision(): string {
  if (revision !== null) return revision;
  let h1 = 0x811c9dc5,
    h2 = 0x01000193;
  const add = (text: string) => {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
      h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0;
    }
  };
  add(String(REPORT_FORMAT));
  for (const [name, module] of Object.entries(ENGINE).sort(([a], [b]) => (a < b ? -1 : 1))) {
    for (const [key, value] of Object.entries(module).sort(([a], [b]) => (a < b ? -1 : 1))) {
      add(`${name}.${key}=`);
      add(
        typeof value === "function"
          ? String(value)
          : (JSON.stringify(value, (_, v) => (typeof v === "function" ? String(v) : v)) ?? ""),
      );
    }
  }
  revision = `${REPORT_FORMAT}-${h1.toString(16)}${h2.toString(16)}`;
  return revision;
}

function keyOf(r: ResolvedQuery): StoredReportKey {
  return {
    workspaceId: r.workspace.id,
    scope: r.teamId ?? "",
    from: formatDate(r.window.from),
    to: formatDate(r.window.to),
    dataVersion: r.workspace.dataVersion,
    revision: engineRevision(),
  };
}

/** The report stored for this query at the workspace's current data version, or null. */
export async function storedReport(db: Db, r: ResolvedQuery): Promise<JudgedReport | null> {
  const json = await readStoredReport(db, keyOf(r));
  if (json === null) return null;
  // The workspace's slug is its current one, whatever it was when the report was stored.
  return { ...(JSON.parse(json) as JudgedReport), workspace: r.workspace.slug };
}

/** Keeps a report computed at the query's data version for the next process that asks the same. */
export async function keepReport(db: Db, r: ResolvedQuery, report: JudgedReport): Promise<void> {
  try {
    await storeReport(db, keyOf(r), JSON.stringify(report));
  } catch {
    // Keeping is an optimisation: a store busy with an import (or read-only) still answers the question.
  }
}
