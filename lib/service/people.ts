import type { Db } from "@/db/client";
import { ValidationError, NotFoundError } from "@/lib/errors";
import { resolveIdentities, type Identities } from "@/lib/identities/resolve";
import {
  countPeople,
  decideIdentity,
  forgetIdentityDecision,
  loadIdentityInputs,
  unknownPersonIds,
} from "@/lib/queries/identities";
import { getWorkspace } from "@/lib/queries/workspaces";

/** A workspace's identities as `altimeter people` shows them. */
export interface PeopleOverview extends Omit<Identities, "leaderOf"> {
  workspace: string;
  /** Person records in the store (one per id). */
  ids: number;
  /** People once merged ids are folded: what the metrics count. */
  people: number;
}

/** The merged groups, likely duplicates and kept-apart ids of a workspace. */
export async function peopleOverview(db: Db, slug: string): Promise<PeopleOverview> {
  const workspace = await getWorkspace(db, slug);
  const { leaderOf, ...identities } = resolveIdentities(await loadIdentityInputs(db, workspace.id));
  const ids = await countPeople(db, workspace.id);
  return { workspace: workspace.slug, ids, people: ids - leaderOf.size, ...identities };
}

/** The identities of a workspace by id: who each merged id now counts as. */
export async function identitiesOf(db: Db, workspaceId: number): Promise<Identities> {
  return resolveIdentities(await loadIdentityInputs(db, workspaceId));
}

async function knownIds(db: Db, workspaceId: number, ids: string[]): Promise<void> {
  const unknown = await unknownPersonIds(db, workspaceId, ids);
  if (unknown.length > 0)
    throw new NotFoundError(
      `unknown person ${unknown.map((id) => JSON.stringify(id)).join(", ")}: run altimeter people --workspace SLUG to list them`,
    );
}

/**
 * Merges `ids` into `into` (one person from now on, also after re-collecting).
 * Every id must be known to the workspace.
 */
export async function mergePeople(db: Db, slug: string, ids: string[], into: string, now = Date.now()): Promise<void> {
  const workspace = await getWorkspace(db, slug);
  const others = [...new Set(ids)].filter((id) => id !== into);
  if (others.length === 0) throw new ValidationError("name at least one id to merge into --into, other than it");
  await knownIds(db, workspace.id, [into, ...others]);
  // `into` leads: a decision of its own that merged it elsewhere would make a cycle.
  await forgetIdentityDecision(db, workspace.id, into);
  for (const id of others) await decideIdentity(db, workspace.id, id, into, now);
}

/**
 * Keeps each id apart: no automatic merge (same name, pull request evidence)
 * and no earlier hand merge applies to it any more, also after re-collecting.
 */
export async function unmergePeople(db: Db, slug: string, ids: string[], now = Date.now()): Promise<void> {
  const workspace = await getWorkspace(db, slug);
  if (ids.length === 0) throw new ValidationError("name at least one id to keep apart");
  await knownIds(db, workspace.id, ids);
  for (const id of new Set(ids)) await decideIdentity(db, workspace.id, id, null, now);
}
