import type { Db } from "@/db/client";
import { ValidationError } from "@/lib/errors";
import { getWorkspace, updateWorkspaceSettings, type WorkspaceSettingsPatch } from "@/lib/queries/workspaces";
import { audit, OPERATOR, type Principal } from "./access";
import { describeChanges } from "./audit-log";

/** A workspace's metric settings as shown to people (spec/cli.md `settings`). */
export interface WorkspaceSettings {
  workspace: string;
  productionEnv: string;
  attributionWindowHours: number;
  newcomerGraceDays: number;
  reworkPattern: string;
  reworkLabels: string[];
}

/** Settings as given by a person, as text, before checking. */
export interface SettingsInput {
  productionEnv?: string | null;
  attributionWindowHours?: string | number | null;
  newcomerGraceDays?: string | number | null;
  reworkPattern?: string | null;
  /** Comma-separated, or a list. */
  reworkLabels?: string | readonly string[] | null;
}

function nonNegative(value: string | number, flag: string): number {
  const n = typeof value === "number" ? value : value.trim() === "" ? NaN : Number(value);
  if (!Number.isFinite(n) || n < 0)
    throw new ValidationError(`${flag} must be a number ≥ 0, got ${JSON.stringify(value)}`);
  return n;
}

/** Checks settings, refusing a bad value with the reason. */
export function checkSettings(input: SettingsInput): WorkspaceSettingsPatch {
  const patch: WorkspaceSettingsPatch = {};
  if (input.productionEnv != null) {
    try {
      new RegExp(input.productionEnv, "i");
    } catch (error) {
      throw new ValidationError(`--production-env is not a valid regular expression: ${(error as Error).message}`);
    }
    if (input.productionEnv === "") throw new ValidationError("--production-env must not be empty");
    patch.productionEnv = input.productionEnv;
  }
  if (input.reworkPattern != null) {
    try {
      new RegExp(input.reworkPattern, "i");
    } catch (error) {
      throw new ValidationError(`--rework-pattern is not a valid regular expression: ${(error as Error).message}`);
    }
    if (input.reworkPattern === "") throw new ValidationError("--rework-pattern must not be empty");
    patch.reworkPattern = input.reworkPattern;
  }
  if (input.reworkLabels != null) {
    const labels = (typeof input.reworkLabels === "string" ? input.reworkLabels.split(",") : [...input.reworkLabels])
      .map((l) => l.trim())
      .filter((l) => l !== "");
    if (labels.length === 0)
      throw new ValidationError(
        `--rework-labels must name at least one label, got ${JSON.stringify(input.reworkLabels)}`,
      );
    const comma = labels.find((l) => l.includes(","));
    if (comma) throw new ValidationError(`--rework-labels: a label cannot hold a comma (${JSON.stringify(comma)})`);
    patch.reworkLabels = labels.join(",");
  }
  if (input.attributionWindowHours != null)
    patch.attributionWindowHours = nonNegative(input.attributionWindowHours, "--attribution-window-hours");
  if (input.newcomerGraceDays != null)
    patch.newcomerGraceDays = nonNegative(input.newcomerGraceDays, "--newcomer-grace-days");
  return patch;
}

type StoredWorkspace = Awaited<ReturnType<typeof getWorkspace>>;

function shown(w: StoredWorkspace): WorkspaceSettings {
  return {
    workspace: w.slug,
    productionEnv: w.productionEnv,
    attributionWindowHours: w.attributionWindowHours,
    newcomerGraceDays: w.newcomerGraceDays,
    reworkPattern: w.reworkPattern,
    reworkLabels: w.reworkLabels.split(",").filter((l) => l !== ""),
  };
}

/**
 * Shows a workspace's settings, after applying any changes given. A change
 * is written to the audit log as who (`actor`, the CLI's operator unless
 * said), when, and each setting's old and new value.
 */
export async function changeSettings(
  db: Db,
  slug: string,
  input: SettingsInput,
  actor: Principal = OPERATOR,
  now = Date.now(),
): Promise<WorkspaceSettings> {
  const patch = checkSettings(input);
  const before = await getWorkspace(db, slug);
  if (Object.keys(patch).length === 0) return shown(before);
  await updateWorkspaceSettings(db, before.id, patch);
  const after = await getWorkspace(db, slug);
  const { workspace: _b, ...old } = shown(before);
  const { workspace: _a, ...current } = shown(after);
  const changed = describeChanges(old, current, Object.keys(current));
  if (changed) await audit(db, actor, after.id, "settings.change", changed, now);
  return shown(after);
}
