import type { Recommendation } from "@/lib/maturity/types";
import { VERDICT_LABEL } from "./labels";
import styles from "./maturity.module.css";

/** The reasons for a verdict, each with its evidence. */
function Reasons({ reasons }: { reasons: Recommendation["reasons"] }) {
  return (
    <ul className={styles.reasons}>
      {reasons.map((r, i) => (
        <li key={i}>
          {r.text}
          {r.evidence.length > 0 && (
            <ul className={styles.evidence} aria-label="Evidence">
              {r.evidence.map((e, j) => (
                <li key={j}>{e}</li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ul>
  );
}

/** The next steps: category, action and candidate tools. */
export function NextSteps({ steps }: { steps: Recommendation["nextSteps"] }) {
  return (
    <ol className={styles.steps}>
      {steps.map((s, i) => (
        <li key={i}>
          <span className={styles.category}>{s.category}</span>
          {s.action}
          <br />
          <span className={styles.tools}>Candidates: {s.tools.join(", ")}</span>
        </li>
      ))}
    </ol>
  );
}

/** A verdict with its reasons, next steps and what is not known. */
export function VerdictPanel({
  recommendation: r,
  headingLevel = 2,
  idPrefix,
}: {
  recommendation: Recommendation;
  headingLevel?: 2 | 3;
  idPrefix: string;
}) {
  const H = headingLevel === 2 ? "h2" : "h3";
  const Sub = headingLevel === 2 ? "h3" : "h4";
  return (
    <section className="card" aria-labelledby={`${idPrefix}-verdict`}>
      <H id={`${idPrefix}-verdict`}>
        Verdict: <span className={styles.verdict}>{VERDICT_LABEL[r.verdict]}</span> <code>{r.verdict}</code>
      </H>
      {r.managedPlatform && (
        <p>
          Managed platform: <strong>{r.managedPlatform.providers.join(" and ")}</strong>
          {r.managedPlatform.constraints.length > 0 && <> — {r.managedPlatform.constraints.join("; ")}</>}
        </p>
      )}
      {r.revisitWhen.length > 0 && <p>Revisit when {r.revisitWhen.join(", or ")}.</p>}
      <div className={styles.columns}>
        <div>
          <Sub>Why</Sub>
          <Reasons reasons={r.reasons.filter((x) => !x.text.startsWith("Unsure:"))} />
        </div>
        <div>
          <Sub>Next steps</Sub>
          <NextSteps steps={r.nextSteps} />
          {r.unknowns.length > 0 && (
            <>
              <Sub>Not known yet</Sub>
              <p className="muted">These could change the verdict; the questionnaire settles them.</p>
              <ul className={styles.plain}>
                {r.unknowns.map((u, i) => (
                  <li key={i}>{u}</li>
                ))}
              </ul>
            </>
          )}
        </div>
      </div>
    </section>
  );
}
