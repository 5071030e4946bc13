import { attributeIncidents, type Attribution } from "./attribution";
import type { BaseFacts } from "./base-facts";
import { linkChanges, type LinkedChange, type UnlinkedPullRequest } from "./lead-time-links";
import { reworkReasons, type ReworkReason } from "./rework";
import type { DeploymentRow, MetricsData, MetricsSettings, PersonRow } from "./types";

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
  /** Merged pull requests into the default branch that no deployment ships (left out of lead time). */
  unlinked: UnlinkedPullRequest[];
  /** Why each deployment is rework (§7), by deployment id; absent when it is not. */
  reworkByDeployment: Map<string, ReworkReason[]>;
  starts: Map<string, PersonStart>;
}

/** When a person started and what says so. */
export interface PersonStart {
  at: number;
  source: "joinedAt" | "firstCommit" | "firstPullRequest";
}

/** Orders by time, ties by id in string order (spec: "First … ties are broken by id"). */
export function byTimeThenId<T>(time: (x: T) => number, id: (x: T) => string) {
  return (a: T, b: T): number => {
    const d = time(a) - time(b);
    if (d !== 0) return d;
    const ia = id(a),
      ib = id(b);
    return ia < ib ? -1 : ia > ib ? 1 : 0;
  };
}

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

/** Derives the facts every metric reads from a workspace's rows and settings. */
export function deriveFacts(data: MetricsData, settings: MetricsSettings): WorkspaceFacts {
  const productionCache = new Map<string, boolean>();
  const isProduction = (environment: string): boolean => {
    let hit = productionCache.get(environment);
    if (hit === undefined) {
      settings.productionEnv.lastIndex = 0;
      hit = settings.productionEnv.test(environment);
      productionCache.set(environment, hit);
    }
    return hit;
  };

  const repositoryById = new Map(data.repositories.map((r) => [r.id, r]));
  const deploymentById = new Map<string, DeploymentRow>();
  const productionSuccessByRepository = new Map<string, DeploymentRow[]>();
  for (const d of data.deployments) {
    deploymentById.set(d.id, d);
    if (d.status !== "success" || d.finishedAt === null || !isProduction(d.environment)) continue;
    let list = productionSuccessByRepository.get(d.repositoryId);
    if (!list) {
      list = [];
      productionSuccessByRepository.set(d.repositoryId, list);
    }
    list.push(d);
  }
  const order = byTimeThenId<DeploymentRow>(
    (d) => d.finishedAt!,
    (d) => d.id,
  );
  for (const list of productionSuccessByRepository.values()) list.sort(order);

  const partial = { data, settings, repositoryById, deploymentById, productionSuccessByRepository, isProduction };
  const attributions = attributeIncidents(partial);
  const incidentsByDeployment = new Map<string, Attribution[]>();
  for (const a of attributions) {
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

  const { changes, unlinked } = linkChanges(partial);
  const reworkByDeployment = reworkReasons(partial, attributions, changes);
  return { ...partial, attributions, incidentsByDeployment, changes, unlinked, reworkByDeployment, starts };
}

export type { BaseFacts };
