import type { WorkspaceFacts } from "./facts";
import type { IncidentRow, PersonRow } from "./types";

/** What a metric counts: the whole workspace, or one team's repositories, incidents and people. */
export interface Scope {
  teamId: string | null;
}

/** Membership tests for a scope, built once per computation. */
export interface ScopeFilter {
  repository: (repositoryId: string) => boolean;
  incident: (incident: IncidentRow) => boolean;
  person: (person: PersonRow) => boolean;
}

/** The filter of spec/metrics.md "Window and scope". */
export function scopeFilter(facts: WorkspaceFacts, scope: Scope): ScopeFilter {
  const teamId = scope.teamId;
  if (teamId === null) return { repository: () => true, incident: () => true, person: () => true };
  const repositoryIds = new Set(facts.data.repositories.filter((r) => r.teamId === teamId).map((r) => r.id));
  return {
    repository: (id) => repositoryIds.has(id),
    incident: (i) => (i.repositoryId !== null ? repositoryIds.has(i.repositoryId) : i.teamId === teamId),
    person: (p) => p.teamId === teamId,
  };
}
