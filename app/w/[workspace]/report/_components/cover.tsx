import { formatDay, formatPeriod } from "@/lib/format";
import type { ReportModel } from "@/lib/service/report";
import styles from "../report.module.css";

/** The first page: the client, the subject, the period, the date and who prepared it. */
export function Cover({ model }: { model: ReportModel }) {
  return (
    <section className={styles.cover} aria-label="Cover">
      <div className={styles.coverBrand}>
        <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <circle cx="12" cy="12" r="10" fill="none" stroke="currentColor" strokeWidth="2" />
          <path d="M12 12 L17 6" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
          <circle cx="12" cy="12" r="1.6" fill="currentColor" />
        </svg>
        Altimeter
      </div>
      <div>
        <h1 className={styles.coverTitle}>{model.workspace.name}</h1>
        <p className={styles.coverSubtitle}>
          Platform engineering report{model.team ? ` · ${model.team.name} team` : ""}: delivery performance, platform
          maturity and what to do next
        </p>
      </div>
      <dl className={styles.coverMeta}>
        <dt>Client</dt>
        <dd>{model.workspace.name}</dd>
        {model.team && (
          <>
            <dt>Team</dt>
            <dd>{model.team.name}</dd>
          </>
        )}
        <dt>Period</dt>
        <dd>
          {formatPeriod(model.from, model.to)} ({model.days} days, UTC)
        </dd>
        <dt>Date</dt>
        <dd>{formatDay(model.generatedAt)}</dd>
        <dt>Prepared by</dt>
        <dd>{model.preparedBy ?? "Altimeter"}</dd>
      </dl>
    </section>
  );
}
