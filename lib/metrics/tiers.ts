import type { Tier } from "./types";

/** Lead-time tier by median hours (DORA 2023). */
export function leadTimeTier(medianHours: number | null): Tier | null {
  if (medianHours === null) return null;
  return medianHours < 24 ? "elite" : medianHours < 168 ? "high" : medianHours < 720 ? "medium" : "low";
}

/** Change-failure-rate tier (DORA 2023). */
export function changeFailureTier(rate: number | null): Tier | null {
  if (rate === null) return null;
  return rate <= 0.05 ? "elite" : rate <= 0.1 ? "high" : rate <= 0.15 ? "medium" : "low";
}

/** Time-to-restore tier by median hours (DORA 2023). */
export function timeToRestoreTier(medianHours: number | null): Tier | null {
  if (medianHours === null) return null;
  return medianHours < 1 ? "elite" : medianHours < 24 ? "high" : medianHours < 168 ? "medium" : "low";
}
