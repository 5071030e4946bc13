import type { EventType } from "@/lib/events/types";

/** A line refused by the importer: where it is and why (spec/events.md "Rules on import"). */
export interface Rejection {
  file: string;
  line: number;
  reason: string;
}

/** What an import did: spec/cli.md's `--json` shape plus a few extra keys. */
export interface ImportSummary {
  /** Records imported per type (a replacement counts as imported). */
  imported: Partial<Record<EventType, number>>;
  /** The rejected lines, in file order; at most MAX_LISTED_REJECTIONS are listed. */
  rejected: Rejection[];
  /** Every rejection, including those past the listed ones. */
  rejectedTotal: number;
  /** Rejected lines per type, where the type could be read. */
  rejectedByType: Partial<Record<EventType | "unknown", number>>;
  /** Unknown fields seen, each once, as `type.field`. */
  unknownFields: string[];
  /** True when `--strict` refused the whole import. */
  rolledBack: boolean;
  /** Where and why reading stopped early (too many rejected lines); absent when every line was read. */
  stopped?: string;
}

/** A 2 GB file of bad lines must not fill memory with their reasons. */
export const MAX_LISTED_REJECTIONS = 10_000;

/** An empty summary to fill. */
export function emptySummary(): ImportSummary {
  return { imported: {}, rejected: [], rejectedTotal: 0, rejectedByType: {}, unknownFields: [], rolledBack: false };
}

/** One line of text: "imported 12 team, 300 commit; rejected 2 (see above)". */
export function describeSummary(s: ImportSummary): string {
  const imported =
    Object.entries(s.imported)
      .map(([t, n]) => `${n} ${t}`)
      .join(", ") || "nothing";
  const parts = [`${s.rolledBack ? "would have imported" : "imported"} ${imported}`];
  if (s.rejectedTotal > 0) parts.push(`rejected ${s.rejectedTotal} line${s.rejectedTotal === 1 ? "" : "s"}`);
  if (s.rolledBack) parts.push("--strict: nothing was imported");
  if (s.stopped) parts.push(s.stopped);
  if (s.unknownFields.length > 0) parts.push(`ignored unknown fields ${s.unknownFields.join(", ")}`);
  return parts.join("; ");
}
