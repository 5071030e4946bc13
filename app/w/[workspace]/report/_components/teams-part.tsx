import { TierBadge } from "@/app/_components/badges";
import { formatHeadline } from "@/app/_components/format";
import { headlineValue, metricTier, METRIC_INFO } from "@/lib/service/definitions";
import { noDataBecause } from "@/lib/withheld";
import type { ReportModel } from "@/lib/service/report";
import styles from "../report.module.css";

/** Every team side by side on the six headline values, with their tiers, and the organisation as the last row. */
export function TeamsPart({ model }: { model: ReportModel }) {
  const teams = model.overview.teams;
  const rows = [
    ...teams.map((t) => ({ key: t.id, name: t.name, values: t.values })),
    { key: "", name: "All teams", values: model.overview.report },
  ];
  return (
    <section className={styles.flow} aria-labelledby="teams-title">
      <h2 id="teams-title">Team comparison</h2>
      {teams.length === 0 ? (
        <p>The workspace has no teams, so there is nothing to compare.</p>
      ) : (
        <>
          <p>
            The same metrics per team over the period: a team counts its own repositories, incidents and people. Teams
            that lag the organisation are where the platform helps most.
          </p>
          <table className={styles.table}>
            <caption>
              {teams.length} teams, {model.from} to {model.to} (exclusive).
            </caption>
            <thead>
              <tr>
                <th scope="col">Team</th>
                {METRIC_INFO.map((info) => (
                  <th key={info.name} scope="col" className={styles.num}>
                    {info.shortTitle}
                    <br />
                    <span className={styles.muted}>{info.shortUnit}</span>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.key} data-team={row.key || undefined}>
                  <th scope="row">{row.name}</th>
                  {METRIC_INFO.map((info) => {
                    const tier = metricTier(info.name, row.values);
                    return (
                      <td key={info.name} className={`${styles.num} ${styles.nowrap}`}>
                        {formatHeadline(info, headlineValue(info.name, row.values)) ?? "—"}
                        {tier !== undefined && (
                          <>
                            {" "}
                            <TierBadge tier={tier} compact />
                          </>
                        )}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
          {/* Coverage is workspace-wide: the teams share the organisation's reasons. */}
          {METRIC_INFO.map((info) => {
            const reason = model.overview.report.withheld[info.name];
            return reason === null ? null : (
              <p key={info.name} className={styles.withheld}>
                {info.title} — {noDataBecause(reason)}.
              </p>
            );
          })}
        </>
      )}
    </section>
  );
}
