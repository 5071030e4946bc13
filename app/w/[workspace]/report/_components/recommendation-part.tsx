import { VERDICT_LABEL } from "@/app/w/[workspace]/maturity/_components/labels";
import type { ReportModel } from "@/lib/service/report";
import styles from "../report.module.css";

const EVIDENCE_SHOWN = 3;

/** The recommendation with its reasons and evidence, the next steps, and the roadmap on three horizons. */
export function RecommendationPart({ model }: { model: ReportModel }) {
  const m = model.maturity;
  if (!m) return null;
  const r = m.recommendation;
  const reasons = r.reasons.filter((x) => !x.text.startsWith("Unsure:"));
  return (
    <section className={styles.part} aria-labelledby="recommendation-title">
      <h2 id="recommendation-title">Recommendation and roadmap</h2>
      <div className={`${styles.verdict} ${styles.keep}`}>
        <strong>{VERDICT_LABEL[r.verdict]}</strong> <code>{r.verdict}</code>
        {r.managedPlatform && (
          <p>
            Managed platform: <strong>{r.managedPlatform.providers.join(" and ")}</strong>
            {r.managedPlatform.constraints.length > 0 && <> ({r.managedPlatform.constraints.join("; ")})</>}.
          </p>
        )}
        {r.revisitWhen.length > 0 && <p>Revisit when {r.revisitWhen.join(", or ")}.</p>}
      </div>
      <h3>Why</h3>
      <ul>
        {reasons.map((reason, i) => (
          <li key={i} className={styles.keep}>
            {reason.text}
            {reason.evidence.length > 0 && (
              <ul className={styles.evidence}>
                {reason.evidence.slice(0, EVIDENCE_SHOWN).map((e, j) => (
                  <li key={j}>{e}</li>
                ))}
                {reason.evidence.length > EVIDENCE_SHOWN && (
                  <li>… and {reason.evidence.length - EVIDENCE_SHOWN} more</li>
                )}
              </ul>
            )}
          </li>
        ))}
      </ul>
      <h3>Roadmap</h3>
      {model.roadmap.map((phase) => (
        <div key={phase.title} className={styles.phase}>
          <h4>{phase.title}</h4>
          <ol className={styles.steps}>
            {phase.items.map((item, i) => (
              <li key={i}>
                {item.text}
                {item.detail && <div className={`${styles.small} ${styles.muted}`}>{item.detail}</div>}
              </li>
            ))}
          </ol>
        </div>
      ))}
      {r.unknowns.length > 0 && (
        <div className={styles.keep}>
          <h3>Not known yet</h3>
          <p className={styles.muted}>These could change the verdict; the questionnaire settles them.</p>
          <ul className={styles.small}>
            {r.unknowns.map((u, i) => (
              <li key={i}>{u.replace(/^unanswered: /, "")}</li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
