/**
 * Signal detection: every file of every repository snapshot through every
 * detector, plus what repository records say (templates, environments). Each
 * hit keeps its evidence: the repository and the path.
 */
import type { RepositoryInput } from "../types";
import { CATALOG_SIGNALS } from "./catalog";
import { DELIVERY_SIGNALS } from "./delivery";
import { normalisePath, pathScope } from "./paths";
import { RUNTIME_SIGNALS } from "./runtime";
import type { FileSignal, SignalHit, SignalId } from "./types";
import { WORKLOAD_SIGNALS } from "./workload";

export { evidenceText, SIGNAL_IDS, type SignalHit, type SignalId } from "./types";

/** Every file detector. */
export const FILE_SIGNALS: readonly FileSignal[] = [
  ...DELIVERY_SIGNALS,
  ...CATALOG_SIGNALS,
  ...RUNTIME_SIGNALS,
  ...WORKLOAD_SIGNALS,
];

/** Where a hit comes from the repository record rather than a file. */
export const REPOSITORY_SETTINGS = "(repository settings)";

function ownerOf(name: string): string | null {
  const slash = name.indexOf("/");
  return slash > 0 ? name.slice(0, slash).toLowerCase() : null;
}

/** The hits in one repository's files (not the ones derived from other repositories). */
export function detectFileSignals(repository: RepositoryInput): SignalHit[] {
  if (!repository.snapshot) return [];
  const context = { owner: ownerOf(repository.name) };
  const hits: SignalHit[] = [];
  for (const file of repository.snapshot.files) {
    const path = normalisePath(file.path);
    const scope = pathScope(path);
    if (scope !== "own" && scope !== "docs") continue;
    for (const signal of FILE_SIGNALS) {
      if (scope === "docs" && !signal.prose) continue;
      const detail = signal.detect(file, path, context);
      if (detail !== null)
        hits.push({ signal: signal.id, repositoryId: repository.id, repository: repository.name, path, detail });
    }
  }
  return hits;
}

/**
 * All hits of a workspace. Template facts come from repository records: a
 * template repository, a repository generated from one, and a golden-path
 * service (generated from a template that is offered as a software template).
 */
export function detectSignals(repositories: readonly RepositoryInput[]): SignalHit[] {
  const fileHits = repositories.flatMap(detectFileSignals);
  const byId = new Map(repositories.map((r) => [r.id, r]));
  const offeredTemplates = new Set(
    fileHits.filter((h) => h.signal === "scaffolder-template").map((h) => h.repositoryId),
  );
  const derived: SignalHit[] = [];
  const add = (r: RepositoryInput, signal: SignalId, detail: string, path = REPOSITORY_SETTINGS) =>
    derived.push({ signal, repositoryId: r.id, repository: r.name, path, detail });

  for (const r of repositories) {
    if (r.isTemplate) add(r, "template-repository", "template repository");
    if (r.templateId !== null) {
      const template = byId.get(r.templateId);
      add(r, "generated-from-template", `generated from ${template?.name ?? r.templateId}`);
      if (offeredTemplates.has(r.templateId))
        add(r, "golden-path-service", `generated from ${template!.name}, a Backstage software template`);
    }
    if (r.productionEnvironments.length >= 2)
      add(r, "multi-region", `production environments ${r.productionEnvironments.join(", ")}`, "(deployments)");
  }
  return [...fileHits, ...derived];
}

/** Hits of some signals, in some repositories. */
export function hitsOf(
  hits: readonly SignalHit[],
  signals: readonly SignalId[],
  repositoryIds?: ReadonlySet<string>,
): SignalHit[] {
  return hits.filter((h) => signals.includes(h.signal) && (!repositoryIds || repositoryIds.has(h.repositoryId)));
}

/** The distinct details (tools) of some signals' hits, e.g. ["Terraform", "Pulumi"]. */
export function toolsOf(hits: readonly SignalHit[], signal: SignalId): string[] {
  return [...new Set(hits.filter((h) => h.signal === signal).map((h) => h.detail))].sort();
}
