import { builtWhenRead } from "@/lib/lazy";
import type { Attribution, AttributionRule } from "./attribution";
import { assembleFacts, productionTest, type WorkspaceFacts } from "./facts";
import type { LinkedChange, UnlinkedPullRequest } from "./lead-time-links";
import type { ReworkReason } from "./rework";
import { allOf, type Timed } from "./time-order";
import type { DeploymentRow, MetricsData, MetricsSettings, PullRequestRow, RowsAt } from "./types";

/**
 * The derived facts of a workspace as number columns: positions in its rows
 * (data.deployments, data.pullRequests, data.incidents, the changes), small
 * codes, and the times windows are found by. Kept beside the rows after an
 * import or a sync, they let a fresh process rebuild the facts without
 * deriving them (linking, attribution, rework, the sorts), and without
 * building a deployment, pull request or change until a window asks for it:
 * most of a first question's cost. Pure: what they are kept in is the
 * store's business (lib/queries/metrics-data.ts).
 *
 * They hold for the exact rows, in their order, and the settings they were
 * derived from: the caller keeps them with the rows at one data version (a
 * settings change moves it) and under the engine's revision.
 */
export type FactColumns = (Int32Array | Float64Array)[];

/** The rows kept facts point into, each built when asked (a snapshot's). */
export interface KeptRows {
  deployments: RowsAt<DeploymentRow>;
  pullRequests: RowsAt<PullRequestRow>;
}

const ATTRIBUTION_RULES: AttributionRule[] = [null, "deploymentId", "causeSha", "repository", "team"];
const UNLINKED_REASONS: UnlinkedPullRequest["reason"][] = ["notDeployed", "beforeFirstDeployment"];
const REWORK_RULES: ReworkReason["rule"][] = ["fixDeploymentId", "pullRequest", "inferredFix"];
/** The match code of a rework reason: none, the title, or (≥ 0) the position of the matching label. */
const NO_MATCH = -1,
  TITLE = -2;

/** The columns, in order, each with its type: i32 (positions, codes, counts) or f64 (times). */
const COLUMNS = {
  productionFinished: "i32",
  productionFinishedTimes: "f64",
  /** How many deployments each repository's list of productionSuccessByRepository holds, in the map's order. */
  successRuns: "i32",
  success: "i32",
  successTimes: "f64",
  changePullRequest: "i32",
  changeDeployment: "i32",
  changesByLeadTime: "i32",
  changesFinishingRank: "i32",
  changesFinishingTimes: "f64",
  changeLeadTimeMs: "f64",
  changeRepository: "i32",
  changeCodingTimeUnknown: "i32",
  negativeChanges: "i32",
  unlinkedPullRequest: "i32",
  unlinkedReason: "i32",
  unlinkedTimes: "f64",
  attributionDeployment: "i32",
  attributionRule: "i32",
  reworkDeployment: "i32",
  reworkRule: "i32",
  reworkOf: "i32",
  reworkMatch: "i32",
} as const;
type Column = keyof typeof COLUMNS;
const NAMES = Object.keys(COLUMNS) as Column[];

function positions<T>(rows: readonly T[]): Map<T, number> {
  const at = new Map<T, number>();
  rows.forEach((row, i) => {
    at.set(row, i);
  });
  return at;
}

const positionIn = <T>(at: Map<T, number>, row: T, what: string): number => {
  const i = at.get(row);
  if (i === undefined) throw new Error(`a derived fact names a ${what} that is not among the rows`);
  return i;
};

/** The derived parts of `facts` as columns (what restoreFacts reads back). */
export function factColumns(facts: WorkspaceFacts): FactColumns {
  const deploymentAt = positions(facts.data.deployments);
  const deploymentIdAt = new Map(facts.data.deployments.map((d, i) => [d.id, i]));
  const pullRequestAt = positions(facts.data.pullRequests);
  const incidentAt = positions(facts.data.incidents);
  const changeAt = positions(facts.changes);
  const deployment = (d: DeploymentRow) => positionIn(deploymentAt, d, "deployment");
  const ints = Object.fromEntries(NAMES.map((c) => [c, [] as number[]])) as Record<Column, number[]>;

  for (const d of allOf(facts.productionFinished)) ints.productionFinished.push(deployment(d));
  for (const list of facts.successByRepository.values()) {
    ints.successRuns.push(list.times.length);
    for (const d of allOf(list)) ints.success.push(deployment(d));
  }
  for (const c of facts.changes) {
    ints.changePullRequest.push(positionIn(pullRequestAt, c.pullRequest, "pull request"));
    ints.changeDeployment.push(deployment(c.deployment));
  }
  for (let k = 0; k < facts.changesByLeadTime.length; k++)
    ints.changesByLeadTime.push(positionIn(changeAt, facts.changesByLeadTime.at(k), "change"));
  for (const k of facts.changesFinishing.rank) ints.changesFinishingRank.push(k);
  const repositoryAt = new Map(facts.data.repositories.map((r, i) => [r.id, i]));
  for (let k = 0; k < facts.changesByLeadTime.length; k++)
    ints.changeRepository.push(repositoryAt.get(facts.changeNumbers.repository(k)) ?? -1);
  for (const u of facts.changeNumbers.codingTimeUnknown) ints.changeCodingTimeUnknown.push(u);
  for (const c of facts.negativeChanges) ints.negativeChanges.push(positionIn(changeAt, c, "change"));
  for (const u of allOf(facts.unlinked)) {
    ints.unlinkedPullRequest.push(positionIn(pullRequestAt, u.pullRequest, "pull request"));
    ints.unlinkedReason.push(UNLINKED_REASONS.indexOf(u.reason));
  }
  facts.attributions.forEach((a, i) => {
    if (a.incident !== facts.data.incidents[i]) throw new Error("attributions are not in the incidents' order");
    ints.attributionDeployment.push(
      a.deploymentId === null ? -1 : positionIn(deploymentIdAt, a.deploymentId, "deployment"),
    );
    ints.attributionRule.push(ATTRIBUTION_RULES.indexOf(a.rule));
  });
  for (const [id, reasons] of facts.reworkByDeployment) {
    for (const reason of reasons) {
      ints.reworkDeployment.push(positionIn(deploymentIdAt, id, "deployment"));
      ints.reworkRule.push(REWORK_RULES.indexOf(reason.rule));
      if (reason.rule === "pullRequest") {
        ints.reworkOf.push(positionIn(changeAt, reason.change, "change"));
        const match = reason.match;
        ints.reworkMatch.push(
          match.by === "title" ? TITLE : (reason.change.pullRequest.labels ?? []).indexOf(match.label),
        );
      } else {
        ints.reworkOf.push(positionIn(incidentAt, reason.incident, "incident"));
        ints.reworkMatch.push(NO_MATCH);
      }
    }
  }
  const times: Partial<Record<Column, Float64Array>> = {
    productionFinishedTimes: facts.productionFinished.times,
    successTimes: Float64Array.from([...facts.successByRepository.values()].flatMap((l) => [...l.times])),
    changesFinishingTimes: facts.changesFinishing.times,
    changeLeadTimeMs: facts.changeNumbers.leadTimeMs,
    unlinkedTimes: facts.unlinked.times,
  };
  return NAMES.map((c) => (COLUMNS[c] === "f64" ? Float64Array.from(times[c]!) : Int32Array.from(ints[c])));
}

/** Kept columns that cannot be what factColumns wrote for these rows. */
class NotTheseFacts extends Error {}

/** Checks that every value of `column` lies in `[min, max)`. */
function within(column: Int32Array, min: number, max: number, what: string): Int32Array {
  for (const v of column) if (v < min || v >= max) throw new NotTheseFacts(`kept facts name ${what} ${v} of ${max}`);
  return column;
}

/**
 * The facts deriveFacts gives for these rows and settings, rebuilt from the
 * columns factColumns made of them: the same numbers and records for every
 * window and scope. Deployments, pull requests and changes are built when a
 * window first reads them; the lists no window reads (data.deployments,
 * deploymentById, changes, productionSuccessByRepository) when first read.
 * Throws when the columns cannot be theirs (another shape, a position past
 * the rows): the caller then derives.
 */
export function restoreFacts(
  data: MetricsData,
  settings: MetricsSettings,
  columns: FactColumns,
  rows: KeptRows,
): WorkspaceFacts {
  if (columns.length !== NAMES.length)
    throw new NotTheseFacts(`kept facts have ${columns.length} columns, not ${NAMES.length}`);
  const col = Object.fromEntries(
    NAMES.map((name, i) => {
      const column = columns[i]!;
      if ((COLUMNS[name] === "f64") !== column instanceof Float64Array)
        throw new NotTheseFacts(`kept facts' ${name} is not ${COLUMNS[name]}`);
      return [name, column];
    }),
  ) as { [C in Column]: (typeof COLUMNS)[C] extends "f64" ? Float64Array : Int32Array };
  const sameLength = (...names: Column[]) => {
    if (names.some((n) => col[n].length !== col[names[0]!].length))
      throw new NotTheseFacts(`kept facts' ${names.join(", ")} differ in length`);
  };
  sameLength("productionFinished", "productionFinishedTimes");
  sameLength("success", "successTimes");
  sameLength("changePullRequest", "changeDeployment");
  sameLength(
    "changesByLeadTime",
    "changesFinishingRank",
    "changesFinishingTimes",
    "changeLeadTimeMs",
    "changeRepository",
    "changeCodingTimeUnknown",
  );
  sameLength("unlinkedPullRequest", "unlinkedReason", "unlinkedTimes");
  sameLength("attributionDeployment", "attributionRule");
  sameLength("reworkDeployment", "reworkRule", "reworkOf", "reworkMatch");
  const { deployments, pullRequests } = rows;
  const { incidents } = data;
  if (col.attributionDeployment.length !== incidents.length)
    throw new NotTheseFacts("kept facts attribute other incidents");
  const changeCount = col.changePullRequest.length;
  for (const [name, n] of [
    ["productionFinished", deployments.length],
    ["success", deployments.length],
    ["changeDeployment", deployments.length],
    ["changePullRequest", pullRequests.length],
    ["changesByLeadTime", changeCount],
    ["negativeChanges", changeCount],
    ["changesFinishingRank", col.changesByLeadTime.length],
    ["changeCodingTimeUnknown", 2],
    ["unlinkedPullRequest", pullRequests.length],
    ["unlinkedReason", UNLINKED_REASONS.length],
    ["attributionRule", ATTRIBUTION_RULES.length],
    ["reworkDeployment", deployments.length],
    ["reworkRule", REWORK_RULES.length],
    ["successRuns", deployments.length + 1],
  ] as const)
    within(col[name], 0, n, name);
  within(col.attributionDeployment, -1, deployments.length, "attributionDeployment");
  within(col.changeRepository, -1, data.repositories.length, "changeRepository");
  if (col.successRuns.reduce((a, b) => a + b, 0) !== col.success.length)
    throw new NotTheseFacts("kept facts' successRuns do not add up");
  col.reworkOf.forEach((of, k) => {
    const max = REWORK_RULES[col.reworkRule[k]!] === "pullRequest" ? changeCount : incidents.length;
    if (of < 0 || of >= max) throw new NotTheseFacts(`kept facts name rework source ${of} of ${max}`);
  });

  // Plain locals: the closures below run once per row a window builds, and `col` is a dictionary.
  const {
    productionFinished: productionFinishedColumn,
    productionFinishedTimes: productionFinishedTimesColumn,
    successRuns: successRunsColumn,
    success: successColumn,
    successTimes: successTimesColumn,
    changePullRequest: changePullRequestColumn,
    changeDeployment: changeDeploymentColumn,
    changesByLeadTime: changesByLeadTimeColumn,
    changesFinishingRank: changesFinishingRankColumn,
    changesFinishingTimes: changesFinishingTimesColumn,
    changeLeadTimeMs: changeLeadTimeMsColumn,
    changeRepository: changeRepositoryColumn,
    changeCodingTimeUnknown: changeCodingTimeUnknownColumn,
    negativeChanges: negativeChangesColumn,
    unlinkedPullRequest: unlinkedPullRequestColumn,
    unlinkedReason: unlinkedReasonColumn,
    unlinkedTimes: unlinkedTimesColumn,
    attributionDeployment: attributionDeploymentColumn,
    attributionRule: attributionRuleColumn,
    reworkDeployment: reworkDeploymentColumn,
    reworkRule: reworkRuleColumn,
    reworkOf: reworkOfColumn,
    reworkMatch: reworkMatchColumn,
  } = col;
  const deployment = (i: number) => deployments.at(i);
  const timedBy = <T>(times: Float64Array, at: (k: number) => T): Timed<T> => ({ times, at });
  const built = new Array<LinkedChange | undefined>(changeCount);
  const change = (k: number): LinkedChange => {
    let c = built[k];
    if (c === undefined) {
      const pullRequest = pullRequests.at(changePullRequestColumn[k]!);
      const d = deployment(changeDeploymentColumn[k]!);
      const startedAt = pullRequest.firstCommitAt ?? pullRequest.createdAt;
      c = { pullRequest, deployment: d, startedAt, leadTimeMs: d.finishedAt! - startedAt };
      built[k] = c;
    }
    return c;
  };
  const successByRepository = new Map<string, Timed<DeploymentRow>>();
  for (let r = 0, start = 0; r < successRunsColumn.length; start += successRunsColumn[r]!, r++) {
    const end = start + successRunsColumn[r]!;
    if (end === start) continue;
    const first = start;
    successByRepository.set(
      deployment(successColumn[first]!).repositoryId,
      timedBy(successTimesColumn.subarray(start, end), (k) => deployment(successColumn[first + k]!)),
    );
  }
  const unlinkedBuilt = new Array<UnlinkedPullRequest | undefined>(unlinkedPullRequestColumn.length);
  const attributions = incidents.map((incident, k): Attribution => {
    const d = attributionDeploymentColumn[k]!;
    return {
      incident,
      deploymentId: d === -1 ? null : deployment(d).id,
      rule: ATTRIBUTION_RULES[attributionRuleColumn[k]!]!,
    };
  });
  const reworkByDeployment = new Map<string, ReworkReason[]>();
  for (let k = 0; k < reworkDeploymentColumn.length; k++) {
    const id = deployment(reworkDeploymentColumn[k]!).id;
    const rule = REWORK_RULES[reworkRuleColumn[k]!]!;
    let reason: ReworkReason;
    if (rule === "pullRequest") {
      const c = change(reworkOfColumn[k]!);
      const m = reworkMatchColumn[k]!;
      const label = c.pullRequest.labels?.[m];
      if (m !== TITLE && label === undefined) throw new NotTheseFacts(`kept facts name label ${m}`);
      reason = {
        rule,
        change: c,
        match: m === TITLE ? { by: "title", title: c.pullRequest.title! } : { by: "label", label: label! },
      };
    } else reason = { rule, incident: incidents[reworkOfColumn[k]!]! };
    const list = reworkByDeployment.get(id);
    if (list) list.push(reason);
    else reworkByDeployment.set(id, [reason]);
  }

  const facts = assembleFacts(data, settings, {
    repositoryById: new Map(data.repositories.map((r) => [r.id, r])),
    isProduction: productionTest(settings),
    productionFinished: timedBy(productionFinishedTimesColumn, (k) => deployment(productionFinishedColumn[k]!)),
    successByRepository,
    attributions,
    changesByLeadTime: { length: changesByLeadTimeColumn.length, at: (k) => change(changesByLeadTimeColumn[k]!) },
    changesFinishing: { times: changesFinishingTimesColumn, rank: changesFinishingRankColumn },
    changeNumbers: {
      leadTimeMs: changeLeadTimeMsColumn,
      // A repository that is not among the rows (−1) is read from the change itself.
      repository: (k) => {
        const r = changeRepositoryColumn[k]!;
        return r >= 0 ? data.repositories[r]!.id : change(changesByLeadTimeColumn[k]!).pullRequest.repositoryId;
      },
      codingTimeUnknown: changeCodingTimeUnknownColumn,
    },
    negativeChanges: Array.from(negativeChangesColumn, change),
    unlinked: timedBy(unlinkedTimesColumn, (k) => {
      let u = unlinkedBuilt[k];
      if (u === undefined) {
        u = {
          pullRequest: pullRequests.at(unlinkedPullRequestColumn[k]!),
          reason: UNLINKED_REASONS[unlinkedReasonColumn[k]!]!,
        };
        unlinkedBuilt[k] = u;
      }
      return u;
    }),
    reworkByDeployment,
    // Defined below, built when first read: no window reads them.
    deploymentById: new Map(),
    productionSuccessByRepository: new Map(),
    changes: [],
  });
  builtWhenRead(facts, "deploymentById", () => new Map(data.deployments.map((d) => [d.id, d])));
  builtWhenRead(
    facts,
    "productionSuccessByRepository",
    () => new Map([...successByRepository].map(([id, list]) => [id, allOf(list)])),
  );
  builtWhenRead(facts, "changes", () => Array.from({ length: changeCount }, (_, k) => change(k)));
  return facts;
}
