import type { Db } from "@/db/client";
import type { Workspace } from "@/db/schema";
import type { Row, Sql } from "@/db/store";
import { NotFoundError } from "@/lib/errors";
import { checkWorkspaceSlug } from "@/lib/workspace-slug";

export type { Workspace };

const COLUMNS =
  "id, slug, name, created_at, production_env, attribution_window_hours, newcomer_grace_days, rework_pattern, rework_labels, data_version, links_version";

function toWorkspace(r: Row): Workspace {
  return {
    id: Number(r.id),
    slug: r.slug as string,
    name: r.name as string,
    createdAt: Number(r.created_at),
    productionEnv: r.production_env as string,
    attributionWindowHours: Number(r.attribution_window_hours),
    newcomerGraceDays: Number(r.newcomer_grace_days),
    reworkPattern: r.rework_pattern as string,
    reworkLabels: r.rework_labels as string,
    dataVersion: Number(r.data_version),
    linksVersion: Number(r.links_version),
  };
}

/** The workspaces of this instance, by slug. */
export async function listWorkspaces(db: Db): Promise<Workspace[]> {
  return (await db.rows(`SELECT ${COLUMNS} FROM workspaces ORDER BY slug`)).map(toWorkspace);
}

/** The workspace with this slug, or null. */
export async function findWorkspace(db: Db, slug: string): Promise<Workspace | null> {
  const row = await db.row(`SELECT ${COLUMNS} FROM workspaces WHERE slug = ?`, [slug]);
  return row ? toWorkspace(row) : null;
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
 * tightened still takes imports. Two processes creating it at once both get
 * the one row (the slug is unique; the loser's insert does nothing).
 */
export async function ensureWorkspace(db: Db, slug: string, name = slug): Promise<Workspace> {
  const found = await findWorkspace(db, slug);
  if (found) return found;
  checkWorkspaceSlug(slug);
  await db.exec("INSERT INTO workspaces (slug, name, created_at) VALUES (?, ?, ?) ON CONFLICT (slug) DO NOTHING", [
    slug,
    name,
    Date.now(),
  ]);
  return (await findWorkspace(db, slug))!;
}

/** Deletes a workspace and, by cascade, every record in it. */
export async function deleteWorkspace(db: Db, slug: string): Promise<void> {
  await db.exec("DELETE FROM workspaces WHERE slug = ?", [slug]);
}

/** The settings a workspace can change (spec/cli.md `settings`). */
export type WorkspaceSettingsPatch = Partial<
  Pick<
    Workspace,
    "productionEnv" | "attributionWindowHours" | "newcomerGraceDays" | "reworkPattern" | "reworkLabels" | "name"
  >
>;

/** The column of each setting: the only names a patch can write. */
const SETTING_COLUMNS: Record<keyof WorkspaceSettingsPatch, string> = {
  productionEnv: "production_env",
  attributionWindowHours: "attribution_window_hours",
  newcomerGraceDays: "newcomer_grace_days",
  reworkPattern: "rework_pattern",
  reworkLabels: "rework_labels",
  name: "name",
};

/** Changes some settings; bumps the data version since derived facts depend on them. */
export async function updateWorkspaceSettings(db: Db, id: number, patch: WorkspaceSettingsPatch): Promise<void> {
  const keys = (Object.keys(patch) as (keyof WorkspaceSettingsPatch)[]).filter(
    (k) => Object.hasOwn(SETTING_COLUMNS, k) && patch[k] !== undefined,
  );
  if (keys.length === 0) return;
  const sets = keys.map((k) => `${SETTING_COLUMNS[k]} = ?`).join(", ");
  await db.exec(`UPDATE workspaces SET ${sets}, data_version = data_version + 1 WHERE id = ?`, [
    ...keys.map((k) => patch[k] as string | number),
    id,
  ]);
}

/**
 * Takes the workspace's row lock until the transaction ends, before the transaction touches
 * the workspace's records. Every writer of them takes it first (upsertRecords by moving the
 * data version first), so on PostgreSQL they queue behind each other instead of each locking
 * rows the other needs and dying as a deadlock. SQLite's write transaction already excludes
 * the other writers.
 */
export async function lockWorkspaceWithin(tx: Sql, workspaceId: number): Promise<void> {
  if (tx.engine === "postgres")
    await tx.rows("SELECT id FROM workspaces WHERE id = ? FOR NO KEY UPDATE", [workspaceId]);
}

/**
 * Marks the workspace's records as changed, so cached facts are recomputed. Inside the
 * transaction that changed them (`tx`), so no crash between the two leaves facts cached
 * under a version whose data changed.
 */
export async function bumpDataVersion(db: Sql, id: number): Promise<void> {
  await db.exec("UPDATE workspaces SET data_version = data_version + 1 WHERE id = ?", [id]);
}
