import { levelName, STATUS_TEXT, VERDICT_LABEL } from "@/app/w/[workspace]/maturity/_components/labels";
import { LevelHistoryChart } from "@/app/w/[workspace]/maturity/_components/level-history";
import { CHECKS } from "@/lib/maturity/rubric";
import type { CheckResult, TeamAssessment } from "@/lib/maturity/types";
import type { ReportModel } from "@/lib/service/report";
import styles from "../report.module.css";

const EVIDENCE_SHOWN = 1;
const title = (id: string) => CHECKS.find((c) => c.id === id)?.title ?? id;

/** Whether the level-over-time chart is drawn (the ready signal counts it). */
export function historyChartCount(model: ReportModel): number {
  return model.maturity && model.maturity.history.length >= 2 ? 1 : 0;
}

function Check({ check }: { check: CheckResult }) {
  const status = STATUS_TEXT[check.status];
  return (
    <li>
      <span className={check.status === "pass" ? styles.pass : styles.fail}>
        {status.symbol} {status.word}
      </span>{" "}
      {check.title}
      {check.status === "pass" ? (
        check.evidence.length > 0 && (
          <ul className={styles.evidence}>
            {check.evidence.slice(0, EVIDENCE_SHOWN).map((e, i) => (
              <li key={i}>{e}</li>
            ))}
            {check.evidence.length > EVIDENCE_SHOWN && <li>… and {check.evidence.length - EVIDENCE_SHOWN} more</li>}
          </ul>
        )
      ) : (
        <ul className={styles.evidence}>
          <li>{check.note ?? `To do: ${check.fix}`}</li>
        </ul>
      )}
    </li>
  );
}

/** A team's card: the checks of the level it holds (with evidence) and those that keep it from the next one. */
function TeamEvidence({ team }: { team: TeamAssessment }) {
  const held = team.checks.filter((c) => c.level === team.level && c.status === "pass");
  const blocking = team.checks.filter((c) => team.progress.blocking.includes(c.id));
  return (
    <div className={styles.card}>
      <h4>
        {team.name}: {levelName(team.level)}
        {team.provisional ? " (provisional)" : ""}
      </h4>
      <ul>
        {held.map((c) => (
          <Check key={c.id} check={c} />
        ))}
        {blocking.map((c) => (
          <Check key={c.id} check={c} />
        ))}
      </ul>
      {held.length === 0 && blocking.length === 0 && <p className={styles.small}>Every check of its level passes.</p>}
    </div>
  );
}

/** Maturity levels: where each team stands on the rubric, with the evidence, and the level over time. */
export function MaturityPart({ model }: { model: ReportModel }) {
  const m = model.maturity;
  return (
    <section className={styles.part} aria-labelledby="maturity-title">
      <h2 id="maturity-title">Platform maturity</h2>
      {!m ? (
        <p>{model.maturityProblem ?? "Not assessed."}</p>
      ) : (
        <>
          <p>
            Assessed over {m.window.from} to {m.window.to} (exclusive) by the rubric of{" "}
            <code>lib/maturity/RUBRIC.md</code>: four cumulative levels, from scripts and documentation to a fully
            automated platform, each checked against the repositories&apos; files, the metrics and the questionnaire.{" "}
            {model.team ? "The team" : "The organisation"} stands at <strong>{levelName(m.level)}</strong>
            {m.provisional ? " (provisional: questionnaire answers would confirm it)" : ""}.
          </p>
          {!model.team && m.teams.length > 0 && (
            <table className={styles.table}>
              <caption>Each team&apos;s level and verdict.</caption>
              <thead>
                <tr>
                  <th scope="col">Team</th>
                  <th scope="col">Level</th>
                  <th scope="col">Verdict</th>
                  <th scope="col">Next level needs</th>
                </tr>
              </thead>
              <tbody>
                {m.teams.map((t) => (
                  <tr key={t.team}>
                    <th scope="row">{t.name}</th>
                    <td>
                      {levelName(t.level)}
                      {t.provisional ? " (provisional)" : ""}
                    </td>
                    <td>{VERDICT_LABEL[t.verdict]}</td>
                    <td>
                      {t.progress.nextLevel === null
                        ? "— top level"
                        : t.progress.blocking.map(title).join("; ") || "questionnaire answers"}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {historyChartCount(model) > 0 && (
            <figure className={`${styles.chart} ${styles.history}`} data-report-chart>
              <figcaption>
                <strong>Level over time</strong>
                {model.team ? "The team's" : "The organisation's"} level at each recorded assessment
              </figcaption>
              <LevelHistoryChart
                points={m.history.map((h) => ({
                  date: new Date(h.assessedAt).toISOString().slice(0, 10),
                  level: h.level,
                  verdict: h.verdict,
                }))}
                description={`Level at ${m.history.length} assessments, from ${m.history[0]!.level} to ${m.history[m.history.length - 1]!.level}.`}
              />
            </figure>
          )}
          <h3>Evidence by team</h3>
          <div className={styles.cards}>
            {m.teams.map((t) => (
              <TeamEvidence key={t.team} team={t} />
            ))}
          </div>
        </>
      )}
    </section>
  );
}
