import { CHECKS } from "@/lib/maturity/rubric";
import type { TeamAssessment } from "@/lib/maturity/types";
import { STATUS_TEXT } from "./labels";
import styles from "./maturity.module.css";

const CELL = { pass: styles.cellPass, fail: styles.cellFail, unknown: styles.cellUnknown } as const;

/** Every check of every team: a grid of pass, fail and unknown, by level. */
export function CheckHeatmap({ teams }: { teams: readonly TeamAssessment[] }) {
  return (
    <div className="table-scroll">
      <table className={`data-table ${styles.heatmap}`}>
        <caption className="visually-hidden">Checks by team: ✓ pass, ✗ fail, ? unknown</caption>
        <thead>
          <tr>
            <th scope="col">Team</th>
            {CHECKS.map((c) => (
              <th key={c.id} scope="col" title={`Level ${c.level}: ${c.title}`}>
                L{c.level}
                <br />
                {c.id}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {teams.map((t) => (
            <tr key={t.team}>
              <th scope="row">{t.name}</th>
              {t.checks.map((c) => (
                <td
                  key={c.id}
                  className={CELL[c.status]}
                  title={`${t.name}, ${c.title}: ${STATUS_TEXT[c.status].word}`}
                >
                  <span aria-hidden="true">{STATUS_TEXT[c.status].symbol}</span>
                  <span className="visually-hidden">{STATUS_TEXT[c.status].word}</span>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
