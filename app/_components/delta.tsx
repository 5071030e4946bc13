import type { Change } from "@/lib/service/comparison";
import type { MetricInfo } from "@/lib/service/definitions";
import { formatChange, formatHeadline } from "./format";

/**
 * The change against the previous period: a signed amount, the word "better"
 * or "worse" (colour and arrow only repeat it), and the previous value.
 */
export function Delta({ info, change, period }: { info: MetricInfo; change: Change; period: string }) {
  const amount = formatChange(info, change);
  if (amount === null || change.verdict === null) {
    const why =
      change.unavailable ??
      (change.current === null ? "no value for this period" : `no value for the previous ${period}`);
    return (
      <p className="delta delta-none">
        No comparison <span className="delta-context">({why})</span>
      </p>
    );
  }
  const arrow = change.verdict === "unchanged" ? "■" : change.delta! > 0 ? "▲" : "▼";
  const previous = formatHeadline(info, change.previous);
  return (
    <p className={`delta delta-${change.verdict}`}>
      <span aria-hidden="true">{arrow}</span> <strong>{amount}</strong>{" "}
      {change.verdict === "unchanged" ? "unchanged" : change.verdict}{" "}
      <span className="delta-context">
        vs previous {period} ({previous}
        {info.unit === "%" ? "%" : ""})
      </span>
    </p>
  );
}
