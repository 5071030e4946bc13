import type { DigestModel } from "./model";
import {
  changeWords,
  digestPeriod,
  failedWords,
  incidentWords,
  moveWords,
  newcomerWords,
  tierChangeWords,
  tierWords,
  valueWithUnit,
} from "./words";

const LISTED = 10;

/** The digest as plain text (the mail's text part): each number followed by its drill-down address. */
export function renderText(d: DigestModel): string {
  const out: string[] = [
    `${d.workspace.name}: weekly digest ${d.week}`,
    digestPeriod(d),
    `Dashboard: ${d.dashboardUrl}`,
    "",
    "THE WEEK IN NUMBERS",
  ];
  for (const m of d.metrics) {
    const tier = tierWords(m);
    out.push(
      `- ${m.title}: ${valueWithUnit(m.valueText, m.unit)} (four weeks before: ${valueWithUnit(m.previousText, m.unit)}; change ${changeWords(m)})${tier ? `, ${m.withheld === null ? "DORA " : ""}${tier}` : ""}`,
      `  ${m.detail} <${m.url}>`,
    );
  }
  if (d.tierChanges.length)
    out.push("", "TIER CHANGES", ...d.tierChanges.map((t) => `- ${tierChangeWords(t)} <${t.url}>`));
  if (d.improved.length || d.regressed.length) {
    out.push(
      "",
      "TEAMS THAT MOVED MOST",
      ...d.improved.map((m) => `- Improved: ${moveWords(m)} <${m.url}>`),
      ...d.regressed.map((m) => `- Regressed: ${moveWords(m)} <${m.url}>`),
    );
  }
  out.push("", `FAILED DEPLOYMENTS: ${d.failedDeployments.count} <${d.failedDeployments.url}>`);
  for (const f of d.failedDeployments.items.slice(0, LISTED))
    out.push(`- ${failedWords(f)}${f.sourceUrl ? ` <${f.sourceUrl}>` : ""}`);
  if (d.failedDeployments.count > LISTED) out.push(`- … and ${d.failedDeployments.count - LISTED} more`);
  out.push("", `INCIDENTS: ${d.incidents.count}, ${d.incidents.open} open <${d.incidents.url}>`);
  for (const i of d.incidents.items.slice(0, LISTED))
    out.push(`- ${incidentWords(i)}${i.sourceUrl ? ` <${i.sourceUrl}>` : ""}`);
  if (d.incidents.count > LISTED) out.push(`- … and ${d.incidents.count - LISTED} more`);
  if (d.levels.length)
    out.push(
      "",
      "MATURITY LEVELS REACHED",
      ...d.levels.map((l) => `- ${l.name}: level ${l.from} → ${l.to} (${l.levelName}) <${l.url}>`),
    );
  if (d.newcomers.count) {
    out.push("", `NEWCOMERS WHO MERGED A FIRST PULL REQUEST: ${d.newcomers.count} <${d.newcomers.url}>`);
    for (const n of d.newcomers.items.slice(0, LISTED)) out.push(`- ${newcomerWords(n)} <${n.sourceUrl ?? n.url}>`);
  }
  out.push("", "Altimeter. Definitions: lib/metrics/DEFINITIONS.md", "");
  return out.join("\n");
}
