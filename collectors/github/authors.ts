import type { Db } from "@/db/client";
import { knownPersonIds } from "@/lib/queries/known-people";
import { authorRecord, type Author } from "./map-people";

/**
 * Decides which authors become `person` records. Team members are described
 * by the team mapping; any other author is recorded once, and only when the
 * workspace does not know them yet, so that a person an import or another
 * source described more fully (with a team) is never overwritten by a bare login.
 */
export class AuthorRegistry {
  private readonly seen = new Set<string>();

  constructor(
    private readonly db: Db,
    private readonly workspaceId: number,
    teamMembers: Iterable<string>,
  ) {
    for (const login of teamMembers) this.seen.add(login);
  }

  /** The `person` records of the authors not met before. */
  async newPeople(authors: readonly (Author | null)[]): Promise<object[]> {
    const fresh = new Map<string, Author>();
    for (const a of authors) if (a && !this.seen.has(a.id) && !fresh.has(a.id)) fresh.set(a.id, a);
    if (fresh.size === 0) return [];
    const known = await knownPersonIds(this.db, this.workspaceId, [...fresh.keys()]);
    for (const id of fresh.keys()) this.seen.add(id);
    return [...fresh.values()].filter((a) => !known.has(a.id)).map(authorRecord);
  }
}
