import { httpLink } from "./links";
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

/** Text inside a Markdown link or table cell: brackets, pipes and asterisks taken literally. */
function md(text: string): string {
  return text.replace(/([\\[\]|*_`<>])/g, "\\$1");
}

/** A Markdown link, only to an http(s) address (parentheses encoded so the address cannot end early); else the text alone. */
const link = (text: string, url: string) => {
  const safe = httpLink(url);
  return safe ? `[${md(text)}](${safe.replace(/\(/g, "%28").replace(/\)/g, "%29")})` : md(text);
};
const LISTED = 10;

/** The digest as Markdown (`--to file`): short sections, every number a link to its drill-down. */
export function renderMarkdown(d: DigestModel): string {
  const out: string[] = [];
  out.push(
    `# ${md(d.workspace.name)}: weekly digest ${d.week}`,
    "",
    `${md(digestPeriod(d))}. ${link("Open the dashboard", d.dashboardUrl)}`,
    "",
  );
  out.push(
    "## The week in numbers",
    "",
    "| Metric | This week | Four weeks before | Change | DORA tier |",
    "| --- | ---: | ---: | ---: | --- |",
  );
  for (const m of d.metrics) {
    out.push(
      `| ${md(m.title)} | ${link(valueWithUnit(m.valueText, m.unit), m.url)} | ${link(valueWithUnit(m.previousText, m.unit), m.previousUrl)} | ${md(changeWords(m))} | ${md(tierWords(m)) || "—"} |`,
    );
  }
  out.push("");
  if (d.tierChanges.length)
    out.push("## Tier changes", "", ...d.tierChanges.map((t) => `- ${link(tierChangeWords(t), t.url)}`), "");
  if (d.improved.length || d.regressed.length) {
    out.push("## Teams that moved most", "");
    for (const m of d.improved) out.push(`- Improved: ${link(moveWords(m), m.url)}`);
    for (const m of d.regressed) out.push(`- Regressed: ${link(moveWords(m), m.url)}`);
    out.push("");
  }
  out.push(
    `## ${link(`${d.failedDeployments.count} failed deployment${d.failedDeployments.count === 1 ? "" : "s"}`, d.failedDeployments.url)}`,
    "",
  );
  for (const f of d.failedDeployments.items.slice(0, LISTED))
    out.push(`- ${f.sourceUrl ? link(failedWords(f), f.sourceUrl) : md(failedWords(f))}`);
  if (d.failedDeployments.count > LISTED)
    out.push(`- … ${link(`${d.failedDeployments.count - LISTED} more`, d.failedDeployments.url)}`);
  out.push(
    "",
    `## ${link(`${d.incidents.count} incident${d.incidents.count === 1 ? "" : "s"}`, d.incidents.url)} (${d.incidents.open} open)`,
    "",
  );
  for (const i of d.incidents.items.slice(0, LISTED))
    out.push(`- ${i.sourceUrl ? link(incidentWords(i), i.sourceUrl) : md(incidentWords(i))}`);
  if (d.incidents.count > LISTED) out.push(`- … ${link(`${d.incidents.count - LISTED} more`, d.incidents.url)}`);
  out.push("");
  if (d.levels.length)
    out.push(
      "## Maturity levels reached",
      "",
      ...d.levels.map((l) => `- ${link(`${l.name}: level ${l.from} → ${l.to} (${l.levelName})`, l.url)}`),
      "",
    );
  if (d.newcomers.count) {
    out.push(
      `## ${link(`${d.newcomers.count} newcomer${d.newcomers.count === 1 ? "" : "s"} merged a first pull request`, d.newcomers.url)}`,
      "",
    );
    for (const n of d.newcomers.items.slice(0, LISTED)) out.push(`- ${link(newcomerWords(n), n.sourceUrl ?? n.url)}`);
    out.push("");
  }
  out.push(
    `_Altimeter, ${new Date(d.generatedAt).toISOString().slice(0, 16).replace("T", " ")} UTC. Definitions: lib/metrics/DEFINITIONS.md._`,
    "",
  );
  return out.join("\n");
}
