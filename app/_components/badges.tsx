import type { Tier } from "@/lib/metrics/types";

const TIER_LABEL: Record<Tier, string> = { elite: "Elite", high: "High", medium: "Medium", low: "Low" };

/** The DORA 2023 performance tier of a metric; null reads "no data". */
export function TierBadge({ tier }: { tier: Tier | null }) {
  return (
    <span className={`badge tier tier-${tier ?? "none"}`} title="Performance tier by the DORA 2023 benchmarks">
      <span className="badge-label">DORA 2023</span> {tier ? TIER_LABEL[tier] : "no data"}
    </span>
  );
}

/** Whether a platform-engineering target was met, missed, or could not be judged (null). */
export function TargetStatus({ met, goal }: { met: boolean | null; goal: string }) {
  const state = met === null ? "none" : met ? "met" : "missed";
  const text = met === null ? "Target: no data" : met ? "Target met" : "Target missed";
  return (
    <p className={`target target-${state}`}>
      <span className="target-icon" aria-hidden="true">
        {met === null ? "○" : met ? "✓" : "✗"}
      </span>{" "}
      <strong>{text}</strong> <span className="target-goal">({goal})</span>
    </p>
  );
}
