import { asc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { workspaces, type Workspace } from "@/db/schema";
import { NotFoundError } from "@/lib/errors";
import { checkWorkspaceSlug } from "@/lib/workspace-slug";

export type { Workspace };

/** The workspaces of this instance, by slug. */
export async function listWorkspaces(db: Db): Promise<Workspace[]> {
  return db.select().from(workspaces).orderBy(asc(workspaces.slug)).all();
}

/** The workspace with this slug, or null. */
export async function findWorkspace(db: Db, slug: string): Promise<Workspace | null> {
  return db.select().from(workspaces).where(eq(workspaces.slug, slug)).get() ?? null;
}

/** The workspace with this slug; a NotFoundError naming it (and the known ones) otherwise. */
export async function getWorkspace(db: Db, slug: string): Promise<Workspace> {
  const found = await findWorkspace(db, slug);
  if (found) return found;
  const known = (await listWorkspaces(db)).map((w) => w.slug);
  throw new NotFoundError(
    `unknown workspace ${JSON.stringify(slug)}`,
    known.length
      ? `(known: ${known.join(", ")})`
      : "(there are no workspaces yet: run altimeter demo or altimeter import)",
  );
}

/**
 * The workspace with this slug, created with defaults when missing. Only a new
 * slug is checked against the rule, so a workspace stored before the rule
 * tightened still takes imports.
 */
export async function ensureWorkspace(db: Db, slug: string, name = slug): Promise<Workspace> {
  const found = await findWorkspace(db, slug);
  if (found) return found;
  checkWorkspaceSlug(slug);
  db.insert(workspaces).values({ slug, name, createdAt: Date.now() }).onConflictDoNothing().run();
  return (await findWorkspace(db, slug))!;
}

/** Deletes a workspace and, by cascade, every record in it. */
export async function deleteWorkspace(db: Db, slug: string): Promise<void> {
  db.delete(workspaces).where(eq(workspaces.slug, slug)).run();
}

/** The settings a workspace can change (spec/cli.md `settings`). */
export type WorkspaceSettingsPatch = Partial<
  Pick<
    Workspace,
    "productionEnv" | "attributionWindowHours" | "newcomerGraceDays" | "reworkPattern" | "reworkLabels" | "name"
  >
>;

/** Changes some settings; bumps the data version since derived facts depend on them. */
export async function updateWorkspaceSettings(db: Db, id: number, patch: WorkspaceSettingsPatch): Promise<void> {
  if (Object.keys(patch).length === 0) return;
  db.update(workspaces)
    .set({ ...patch, dataVersion: sql`${workspaces.dataVersion} + 1` })
    .where(eq(workspaces.id, id))
    .run();
}

/** Marks the workspace's records as changed, so cached facts are recomputed. */
export async function bumpDataVersion(db: Db, id: number): Promise<void> {
  db.update(workspaces)
    .set({ dataVersion: sql`${workspaces.dataVersion} + 1` })
    .where(eq(workspaces.id, id))
    .run();
}
