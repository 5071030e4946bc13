import { LEVELS } from "@/lib/maturity/rubric";
import type { CheckResult } from "@/lib/maturity/types";
import { STATUS_TEXT } from "./labels";
import styles from "./maturity.module.css";

/** One check's status as symbol and word. */
export function CheckStatusMark({ status }: { status: CheckResult["status"] }) {
  const t = STATUS_TEXT[status];
  return (
    <span className={`${styles.status} ${styles[status]}`} title={t.word}>
      <span aria-hidden="true">{t.symbol}</span>
      <span className="visually-hidden">{t.word}</span>
    </span>
  );
}

/** A scope's checks, level by level: evidence for those that pass, the gap and the fix for the others. */
export function CheckList({ checks }: { checks: readonly CheckResult[] }) {
  return (
    <>
      {LEVELS.map((l) => (
        <section key={l.level} className="card" aria-labelledby={`checks-level-${l.level}`}>
          <h3 id={`checks-level-${l.level}`}>
            Level {l.level}: {l.name}
          </h3>
          <p className="muted">{l.summary}</p>
          <ul className={styles.checks}>
            {checks
              .filter((c) => c.level === l.level)
              .map((c) => (
                <li key={c.id} className={styles.check} aria-label={`${c.title}: ${STATUS_TEXT[c.status].word}`}>
                  <CheckStatusMark status={c.status} />
                  <div>
                    <strong>{c.title}</strong>{" "}
                    <span className={styles.checkMeta}>
                      {STATUS_TEXT[c.status].word} · <code>{c.id}</code> · {c.aspect} · from{" "}
                      {c.source === "answer"
                        ? "the questionnaire"
                        : c.source === "metric"
                          ? "the metrics"
                          : "repository files"}
                    </span>
                    {c.evidence.length > 0 && (
                      <ul className={styles.evidence} aria-label="Evidence">
                        {c.evidence.map((e, i) => (
                          <li key={i}>{e}</li>
                        ))}
                      </ul>
                    )}
                    {c.note && c.status !== "pass" && <p className={styles.fix}>{c.note}</p>}
                    {c.status !== "pass" && (
                      <p className={styles.fix}>
                        <span className="muted">Fix: </span>
                        {c.fix}
                      </p>
                    )}
                  </div>
                </li>
              ))}
          </ul>
        </section>
      ))}
    </>
  );
}
