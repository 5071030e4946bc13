import type { Db } from "@/db/client";
import { type DanglingReference, findDanglingReferences } from "@/lib/queries/doctor";
import { getWorkspace } from "@/lib/queries/workspaces";

export type { DanglingReference };

/** A workspace's references to records never imported (`altimeter doctor`); NotFoundError for an unknown slug. */
export async function danglingReferences(
  db: Db,
  slug: string,
): Promise<{ workspace: { slug: string }; dangling: DanglingReference[] }> {
  const workspace = await getWorkspace(db, slug);
  return { workspace: { slug: workspace.slug }, dangling: await findDanglingReferences(db, workspace.id) };
}
