import type { MetricInfo } from "@/lib/service/definitions";

/**
 * A metric's definition one click (or Enter) away: a native disclosure, so it
 * works by keyboard and without script; hovering the summary shows the gist.
 */
export function Definition({ info, open = false }: { info: MetricInfo; open?: boolean }) {
  return (
    <details className="definition" open={open}>
      <summary title={info.summary}>Definition</summary>
      <div className="definition-body">
        <p>{info.summary}</p>
        <ul>
          {info.rules.map((rule) => (
            <li key={rule}>{rule}</li>
          ))}
          {info.tiers && <li>DORA 2023 tiers — {info.tiers}</li>}
          {info.target && <li>Platform-engineering target: {info.target.goal}.</li>}
        </ul>
        <p className="muted">
          Full text: <code>lib/metrics/DEFINITIONS.md</code>
        </p>
      </div>
    </details>
  );
}
