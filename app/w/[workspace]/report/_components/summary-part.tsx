import type { ReportModel } from "@/lib/service/report";
import styles from "../report.module.css";

/** The executive summary: where the organisation stands, the verdict and the three things to do next. */
export function SummaryPart({ model }: { model: ReportModel }) {
  const s = model.summary;
  return (
    <section className={styles.part} aria-labelledby="summary-title">
      <h2 id="summary-title">Executive summary</h2>
      <h3>Where {model.team ? "the team" : "the organisation"} stands</h3>
      {s.standing.map((sentence, i) => (
        <p key={i} className={i === 0 ? styles.lead : undefined}>
          {sentence}
        </p>
      ))}
      {s.movement && <p>{s.movement}</p>}
      <div className={`${styles.verdict} ${styles.keep}`}>
        {s.verdict ? (
          <>
            <strong>Verdict: {s.verdict.label}.</strong>
            {s.verdict.because && <p>{s.verdict.because}.</p>}
          </>
        ) : (
          <>
            <strong>Not assessed.</strong>
            <p>{model.maturityProblem}</p>
          </>
        )}
      </div>
      {s.nextSteps.length > 0 && (
        <div className={styles.keep}>
          <h3>The three things to do next</h3>
          <ol className={styles.steps}>
            {s.nextSteps.map((step, i) => (
              <li key={i}>
                <strong>{step.action}.</strong>
                {step.tools.length > 0 && <span className={styles.muted}> Candidates: {step.tools.join(", ")}.</span>}
              </li>
            ))}
          </ol>
        </div>
      )}
    </section>
  );
}
