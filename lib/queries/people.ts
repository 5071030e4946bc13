import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { people, type Person } from "@/db/schema";

export type { Person };

/** The people of a workspace, or of one team, by id (their login). */
export async function listPeople(
  db: Db,
  workspaceId: number,
  filter: { teamId?: string | null } = {},
): Promise<Person[]> {
  const conditions = [eq(people.workspaceId, workspaceId)];
  if (filter.teamId) conditions.push(eq(people.teamId, filter.teamId));
  return db
    .select()
    .from(people)
    .where(and(...conditions))
    .orderBy(asc(people.id))
    .all();
}
