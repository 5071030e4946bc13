import { attributeIncidents, type Attribution } from "./attribution";
import { codingTimeUnknown } from "./coding-time";
import type { BaseFacts } from "./base-facts";
import { linkChanges, type LinkedChange, type UnlinkedPullRequest } from "./lead-time-links";
import { reworkReasons, type ReworkReason } from "./rework";
import { numbersOf, sortedBy, stableOrder, type Timed, timed } from "./time-order";
import type { DeploymentRow, MetricsData, MetricsSettings, PersonRow, PersonStart, RowsAt } from "./types";

/**
 * Window-independent facts of a workspace: which deployments are production,
 * which incident fails which deployment, which change shipped where, when each
 * person started. Scope selects what is counted, never what a record is, so
 * these are computed once over the whole workspace and shared by every window
 * and team.
 */
export interface WorkspaceFacts extends BaseFacts {
  attributions: Attribution[];
  /** Incidents attributed to each deployment id. */
  incidentsByDeployment: Map<string, Attribution[]>;
  changes: LinkedChange[];
  /** The changes with a lead time ≥ 0 by lead time, ties in the order of `changes`: what a window counts, in order. */
  changesByLeadTime: RowsAt<LinkedChange>;
  /**
   * The same changes by their deployment's finishedAt (the times, ascending), each with its position in
   * changesByLeadTime: a window finds its changes by binary search and orders them by sorting the positions.
   */
  changesFinishing: { times: Float64Array; rank: Int32Array };
  /**
   * What lead time sums up of each change, by its position in changesByLeadTime, read without building it:
   * its lead time, its repository's id and whether its coding time is unknown (1) or not (0).
   */
  changeNumbers: { leadTimeMs: Float64Array; repository: (k: number) => string; codingTimeUnknown: Int32Array };
  /** The changes with a negative lead time (clock skew), in the order of `changes`: dropped when counted. */
  negativeChanges: LinkedChange[];
  /**
   * Merged pull requests into the default branch that no deployment ships (left out of lead time), by
   * mergedAt (the times, ascending), ties in load order.
   */
  unlinked: Timed<UnlinkedPullRequest>;
  /**
   * Production deployments that finished with status success or failure, by finishedAt (the times,
   * ascending) then id: what change failure rate and deployment frequency count.
   */
  productionFinished: Timed<DeploymentRow>;
  /** productionSuccessByRepository's lists by finishedAt (the times, ascending): what recovery and first deploy read. */
  successByRepository: Map<string, Timed<DeploymentRow>>;
  /** Why each deployment is rework (§7), by deployment id; absent when it is not. */
  reworkByDeployment: Map<string, ReworkReason[]>;
  starts: Map<string, PersonStart>;
}

export type { PersonStart } from "./types";

/** Whether a person never counts as a developer. */
export function isBot(person: Pick<PersonRow, "id" | "isBot">): boolean {
  return person.isBot === true || person.id.endsWith("[bot]");
}

function personStart(p: PersonRow): PersonStart | null {
  if (p.joinedAt !== null) return { at: p.joinedAt, source: "joinedAt" };
  const commit = p.firstCommitAt,
    pr = p.firstPullRequest?.at ?? null;
  if (commit === null && pr === null) return null;
  if (pr === null || (commit !== null && commit <= pr)) return { at: commit!, source: "firstCommit" };
  return { at: pr, source: "firstPullRequest" };
}

/** Whether an environment is production by the settings, each name tested once. */
export function productionTest(settings: MetricsSettings): (environment: string) => boolean {
  const productionCache = new Map<string, boolean>();
  return (environment) => {
    let hit = productionCache.get(environment);
    if (hit === undefined) {
      settings.productionEnv.lastIndex = 0;
      hit = settings.productionEnv.test(environment);
      productionCache.set(environment, hit);
    }
    return hit;
  };
}

/** Deployments by finishedAt, ties by id in string order (spec: "First … ties are broken by id"). */
export const byFinish = (a: DeploymentRow, b: DeploymentRow): number =>
  a.finishedAt! - b.finishedAt! || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** What deriveFacts computes that restoring kept facts computes the same way (cheap, in one pass each). */
export type DerivedParts = Pick<
  WorkspaceFacts,
  | "repositoryById"
  | "isProduction"
  | "deploymentById"
  | "productionSuccessByRepository"
  | "successByRepository"
  | "productionFinished"
  | "attributions"
  | "changes"
  | "changesByLeadTime"
  | "changesFinishing"
  | "changeNumbers"
  | "negativeChanges"
  | "unlinked"
  | "reworkByDeployment"
>;

/** The facts from the rows and the derived parts (shared by deriveFacts and restoring kept facts). */
export function assembleFacts(data: MetricsData, settings: MetricsSettings, parts: DerivedParts): WorkspaceFacts {
  const incidentsByDeployment = new Map<string, Attribution[]>();
  for (const a of parts.attributions) {
    if (a.deploymentId === null) continue;
    const list = incidentsByDeployment.get(a.deploymentId);
    if (list) list.push(a);
    else incidentsByDeployment.set(a.deploymentId, [a]);
  }
  const starts = new Map<string, PersonStart>();
  for (const p of data.people) {
    const s = personStart(p);
    if (s) starts.set(p.id, s);
  }
  return {
    data,
    settings,
    ...parts,
    incidentsByDeployment,
    starts,
  };
}

/** changeNumbers of changes listed by lead time. */
function changeNumbersOf(byLeadTime: readonly LinkedChange[]): WorkspaceFacts["changeNumbers"] {
  const unknown = new Int32Array(byLeadTime.length);
  byLeadTime.forEach((c, k) => {
    unknown[k] = codingTimeUnknown(c.pullRequest) ? 1 : 0;
  });
  return {
    leadTimeMs: numbersOf(byLeadTime, (c) => c.leadTimeMs),
    repository: (k) => byLeadTime[k]!.pullRequest.repositoryId,
    codingTimeUnknown: unknown,
  };
}

/** changesFinishing of changes listed by lead time. */
function finishingOrder(byLeadTime: readonly LinkedChange[]): WorkspaceFacts["changesFinishing"] {
  const finished = numbersOf(byLeadTime, (c) => c.deployment.finishedAt!);
  const rank = stableOrder(finished);
  const times = new Float64Array(rank.length);
  for (let i = 0; i < rank.length; i++) times[i] = finished[rank[i]!]!;
  return { times, rank };
}

/** Deployments by finishedAt, then id (byFinish), sorted by radix on the times and by id within equal times. */
function finishOrder(deployments: readonly DeploymentRow[]): DeploymentRow[] {
  const out = sortedBy(deployments, (d) => d.finishedAt!);
  for (let i = 0; i < out.length; ) {
    let j = i + 1;
    while (j < out.length && out[j]!.finishedAt === out[i]!.finishedAt) j++;
    if (j - i > 1) out.splice(i, j - i, ...out.slice(i, j).sort(byFinish));
    i = j;
  }
  return out;
}

/** Derives the facts every metric reads from a workspace's rows and settings. */
export function deriveFacts(data: MetricsData, settings: MetricsSettings): WorkspaceFacts {
  const isProduction = productionTest(settings);
  const repositoryById = new Map(data.repositories.map((r) => [r.id, r]));
  const deploymentById = new Map<string, DeploymentRow>();
  for (const d of data.deployments) deploymentById.set(d.id, d);
  const productionFinished = finishOrder(
    data.deployments.filter(
      (d) => (d.status === "success" || d.status === "failure") && d.finishedAt !== null && isProduction(d.environment),
    ),
  );
  // Each repository's successful ones, in that order already.
  const productionSuccessByRepository = new Map<string, DeploymentRow[]>();
  for (const d of productionFinished) {
    if (d.status !== "success") continue;
    const list = productionSuccessByRepository.get(d.repositoryId);
    if (list) list.push(d);
    else productionSuccessByRepository.set(d.repositoryId, [d]);
  }

  const partial = { data, settings, repositoryById, deploymentById, productionSuccessByRepository, isProduction };
  const attributions = attributeIncidents(partial);
  const { changes, unlinked } = linkChanges(partial);
  const reworkByDeployment = reworkReasons(partial, attributions, changes);
  // Sorted once here, stably, so that every window only filters: the subset of a stably sorted list is in
  // the order a stable sort of the subset gives.
  const changesByLeadTime = sortedBy(
    changes.filter((c) => c.leadTimeMs >= 0),
    (c) => c.leadTimeMs,
  );
  const unlinkedByMerge = sortedBy(unlinked, (u) => u.pullRequest.mergedAt!);
  const finished = (d: DeploymentRow) => d.finishedAt!;
  return assembleFacts(data, settings, {
    repositoryById,
    isProduction,
    deploymentById,
    productionSuccessByRepository,
    successByRepository: new Map([...productionSuccessByRepository].map(([id, list]) => [id, timed(list, finished)])),
    productionFinished: timed(productionFinished, finished),
    attributions,
    changes,
    changesByLeadTime: { length: changesByLeadTime.length, at: (k) => changesByLeadTime[k]! },
    changesFinishing: finishingOrder(changesByLeadTime),
    changeNumbers: changeNumbersOf(changesByLeadTime),
    negativeChanges: changes.filter((c) => c.leadTimeMs < 0),
    unlinked: timed(unlinkedByMerge, (u) => u.pullRequest.mergedAt!),
    reworkByDeployment,
  });
}

export type { BaseFacts };
