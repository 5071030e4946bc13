import { formatDay } from "@/lib/format";
import { METRIC_INFO } from "@/lib/service/definitions";
import type { ReportModel } from "@/lib/service/report";
import styles from "../report.module.css";

const TYPE_LABEL: Record<string, string> = {
  team: "Teams",
  person: "People",
  repository: "Repositories",
  commit: "Commits",
  pull_request: "Pull requests",
  deployment: "Deployments",
  incident: "Incidents",
  ci_run: "CI runs",
  repository_files: "Configuration snapshots",
};
const day = (ms: number | null) => (ms === null ? "—" : formatDay(ms));
const isoDay = (ms: number | null) => (ms === null ? "—" : new Date(ms).toISOString().slice(0, 10));
/** Rows per table: each table fits on one page and is never cut across two. */
const ROWS_PER_TABLE = 32;
const chunks = <T,>(list: readonly T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, (i + 1) * size));
const stamp = (ms: number | null) => (ms === null ? "—" : new Date(ms).toISOString().slice(0, 16).replace("T", " "));

/** Appendix A: every metric's definition, as the dashboard states it (lib/metrics/DEFINITIONS.md). */
export function DefinitionsAppendix({ model }: { model: ReportModel }) {
  const s = model.settings;
  return (
    <section className={styles.part} aria-labelledby="definitions-title">
      <h2 id="definitions-title">Appendix A: metric definitions</h2>
      <p className={styles.small}>
        A period is [from, to) between two UTC midnights. Medians and 90th percentiles are linearly interpolated. A team
        counts its own repositories, incidents that name them (or the team), and its people; which deployment an
        incident fails is decided over the whole workspace. Settings of this workspace: production environments match{" "}
        <code>{s.productionEnv}</code> (case-insensitive); incidents are attributed to a deployment at most{" "}
        {s.attributionWindowHours === 0 ? "any time" : `${s.attributionWindowHours} hours`} before them; newcomers start
        at least {s.newcomerGraceDays} days after the data begins.
      </p>
      <div className={styles.definitions}>
        {METRIC_INFO.map((info) => (
          <div key={info.name} className={styles.definition}>
            <h4>{info.title}</h4>
            <p className={styles.small}>{info.summary}</p>
            <ul className={styles.small}>
              {info.rules.map((rule, i) => (
                <li key={i}>{rule}</li>
              ))}
            </ul>
            <p className={`${styles.small} ${styles.muted}`}>
              {info.tiers ? `DORA 2023 tiers: ${info.tiers} ` : "No DORA tier. "}
              {info.target ? `Target: ${info.target.goal}.` : "No platform target."}
            </p>
          </div>
        ))}
      </div>
    </section>
  );
}

/** Appendix B: the data behind the numbers: record counts and dates, repositories, gaps and collector runs. */
export function CoverageAppendix({ model }: { model: ReportModel }) {
  const c = model.coverage;
  return (
    <section className={styles.part} aria-labelledby="coverage-title">
      <h2 id="coverage-title">Appendix B: data sources and coverage</h2>
      <table className={`${styles.table} ${styles.compact}`}>
        <caption>
          Records stored for {model.workspace.name}, in the period and in total, and the dates they actually cover.
          {c.syncRuns.length === 0 &&
            " No collector run is recorded: the data came from imports (altimeter import, the events API or the demo)."}
        </caption>
        <thead>
          <tr>
            <th scope="col">Records</th>
            <th scope="col" className={styles.num}>
              In the period
            </th>
            <th scope="col" className={styles.num}>
              Total
            </th>
            <th scope="col">First</th>
            <th scope="col">Latest</th>
          </tr>
        </thead>
        <tbody>
          {c.records.map((r) => (
            <tr key={r.type} data-record-type={r.type}>
              <th scope="row">{TYPE_LABEL[r.type] ?? r.type}</th>
              <td className={styles.num}>{r.inWindow ?? "—"}</td>
              <td className={styles.num}>{r.count}</td>
              <td>{day(r.first)}</td>
              <td>{day(r.last)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {chunks(c.repositories, ROWS_PER_TABLE).map((rows, i) => (
        <table key={i} className={`${styles.table} ${styles.compact}`}>
          <caption>
            {i === 0
              ? `${c.repositories.length} repositories: commits, pull requests and deployments in the period, the latest deployment and configuration snapshot.`
              : "Repositories, continued."}
          </caption>
          <thead>
            <tr>
              <th scope="col">Repository</th>
              <th scope="col">Team</th>
              <th scope="col" className={styles.num}>
                Commits
              </th>
              <th scope="col" className={styles.num}>
                PRs
              </th>
              <th scope="col" className={styles.num}>
                Deploys
              </th>
              <th scope="col">Latest deploy</th>
              <th scope="col">Snapshot</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <th scope="row" className={styles.id}>
                  {r.name ?? `${r.id} (never imported)`}
                </th>
                <td className={styles.id}>{r.teamId ?? "—"}</td>
                <td className={styles.num}>{r.commits.inWindow}</td>
                <td className={styles.num}>{r.pullRequests.inWindow}</td>
                <td className={styles.num}>{r.deployments.inWindow}</td>
                <td className={styles.nowrap}>{isoDay(r.deployments.last)}</td>
                <td className={styles.nowrap}>{isoDay(r.snapshotAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
      <h3>Gaps</h3>
      {c.gaps.length === 0 ? (
        <p>None found: every week of the period holds commits, pull requests and deployments.</p>
      ) : (
        <ul className={`${styles.gaps} ${styles.small}`}>
          {c.gaps.map((g, i) => (
            <li key={i}>{g}</li>
          ))}
        </ul>
      )}
      {c.syncRuns.length > 0 && (
        <table className={styles.table}>
          <caption>The latest {c.syncRuns.length} runs of the collectors, newest first.</caption>
          <thead>
            <tr>
              <th scope="col">Source</th>
              <th scope="col">Started (UTC)</th>
              <th scope="col">Finished (UTC)</th>
              <th scope="col">Outcome</th>
              <th scope="col" className={styles.num}>
                Records
              </th>
            </tr>
          </thead>
          <tbody>
            {c.syncRuns.map((r, i) => (
              <tr key={i}>
                <th scope="row" className={styles.id}>
                  {r.source}
                </th>
                <td>{stamp(r.startedAt)}</td>
                <td>{stamp(r.finishedAt)}</td>
                <td>{r.status}</td>
                <td className={styles.num}>{r.records ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
