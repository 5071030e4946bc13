import type { Tier } from "@/lib/metrics/types";
import { NO_DATA, noDataBecause } from "@/lib/withheld";

const TIER_LABEL: Record<Tier, string> = { elite: "Elite", high: "High", medium: "Medium", low: "Low" };

/**
 * The DORA 2023 performance tier of a metric, as a word on a colour; null
 * reads "no data" (with the reason on hover when the judgement is withheld).
 * `compact` drops the visible "DORA 2023" label where a heading already says
 * it (tables); screen readers still hear it.
 */
export function TierBadge({
  tier,
  compact = false,
  withheld = null,
}: {
  tier: Tier | null;
  compact?: boolean;
  withheld?: string | null;
}) {
  return (
    <span
      className={`badge tier tier-${tier ?? "none"}`}
      title={withheld ? noDataBecause(withheld) : "Performance tier by the DORA 2023 benchmarks"}
    >
      <span className={compact ? "visually-hidden" : "badge-label"}>DORA 2023</span> {tier ? TIER_LABEL[tier] : NO_DATA}
    </span>
  );
}

/** Whether a platform-engineering target was met, missed, or could not be judged (null). */
export function TargetStatus({ met, goal }: { met: boolean | null; goal: string }) {
  const state = met === null ? "none" : met ? "met" : "missed";
  const text = met === null ? `Target: ${NO_DATA}` : met ? "Target met" : "Target missed";
  return (
    <p className={`target target-${state}`}>
      <span aria-hidden="true">{met === null ? "○" : met ? "✓" : "✗"}</span> <strong>{text}</strong>{" "}
      <span className="target-goal">({goal})</span>
    </p>
  );
}

/** Why a metric's tier and target are not judged: the source that has no data, and what to do. */
export function WithheldNote({ reason, scope }: { reason: string | null; scope?: string }) {
  if (reason === null) return null;
  const text = noDataBecause(reason, scope);
  return (
    <p className="withheld" role="note">
      {text[0]!.toUpperCase()}
      {text.slice(1)}
    </p>
  );
}
