import { escapeHtml } from "@/lib/report/templates";
import { httpLink } from "./links";
import type { DigestMetric, DigestModel } from "./model";
import {
  changeWords,
  digestPeriod,
  digestSubject,
  failedWords,
  incidentWords,
  moveWords,
  newcomerWords,
  tierChangeWords,
  tierWords,
  valueWithUnit,
} from "./words";

// Mail clients drop <style> and scripts: every style is inline, the layout is tables, links are plain <a>.
const FONT = "font-family:Arial,Helvetica,sans-serif;";
const TEXT = `${FONT}font-size:14px;line-height:1.45;color:#1a1f26;`;
const CELL = `${FONT}font-size:13px;padding:6px 8px;border-bottom:1px solid #d5dae1;text-align:left;vertical-align:top;`;
const NUM = `${CELL}text-align:right;white-space:nowrap;`;
const HEAD = `${CELL}background:#f0f2f5;font-weight:bold;`;
const H2 = `${FONT}font-size:16px;margin:24px 0 8px;color:#1a1f26;`;
const LINK = "color:#0b5cad;text-decoration:underline;";
const VERDICT: Record<string, string> = { better: "#0068a8", worse: "#a04800" };
const LISTED = 10;

const e = escapeHtml;
/** A link, only to an http(s) address; any other address leaves the text unlinked. */
const a = (text: string, url: string) => {
  const safe = httpLink(url);
  return safe ? `<a href="${e(safe)}" style="${LINK}">${e(text)}</a>` : e(text);
};
const h2 = (inner: string) => `<h2 style="${H2}">${inner}</h2>`;
const list = (items: string[]) =>
  items.length
    ? `<ul style="${TEXT}margin:0;padding-left:20px;">${items.map((i) => `<li style="margin-bottom:4px;">${i}</li>`).join("")}</ul>`
    : "";

function metricRow(m: DigestMetric): string {
  const colour = m.verdict ? VERDICT[m.verdict] : undefined;
  return `<tr>
<td style="${CELL}"><strong>${e(m.title)}</strong><br><span style="color:#515b69;font-size:12px;">${e(m.detail)}</span></td>
<td style="${NUM}">${a(valueWithUnit(m.valueText, m.unit), m.url)}</td>
<td style="${NUM}">${a(valueWithUnit(m.previousText, m.unit), m.previousUrl)}</td>
<td style="${NUM}${colour ? `color:${colour};` : ""}">${e(changeWords(m))}</td>
<td style="${CELL}">${e(tierWords(m) || "—")}</td>
</tr>`;
}

/** The digest as an HTML mail body: tables and inline styles that survive common mail clients; no scripts, no images. */
export function renderHtml(d: DigestModel): string {
  const parts: string[] = [];
  parts.push(
    `<h1 style="${FONT}font-size:20px;margin:0 0 4px;">${e(d.workspace.name)}: weekly digest ${e(d.week)}</h1>`,
  );
  parts.push(
    `<p style="${TEXT}color:#515b69;margin:0 0 16px;">${e(digestPeriod(d))}. ${a("Open the dashboard", d.dashboardUrl)}</p>`,
  );
  parts.push(h2("The week in numbers"));
  parts.push(`<table role="presentation" cellpadding="0" cellspacing="0" border="0" width="100%" style="border-collapse:collapse;">
<tr><th style="${HEAD}">Metric</th><th style="${HEAD}text-align:right;">This week</th><th style="${HEAD}text-align:right;">Four weeks before</th><th style="${HEAD}text-align:right;">Change</th><th style="${HEAD}">DORA tier</th></tr>
${d.metrics.map(metricRow).join("\n")}
</table>`);
  if (d.tierChanges.length)
    parts.push(h2("Tier changes"), list(d.tierChanges.map((t) => a(tierChangeWords(t), t.url))));
  if (d.improved.length || d.regressed.length) {
    parts.push(
      h2("Teams that moved most"),
      list([
        ...d.improved.map((m) => `Improved: ${a(moveWords(m), m.url)}`),
        ...d.regressed.map((m) => `Regressed: ${a(moveWords(m), m.url)}`),
      ]),
    );
  }
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  parts.push(h2(a(plural(d.failedDeployments.count, "failed deployment"), d.failedDeployments.url)));
  parts.push(
    list([
      ...d.failedDeployments.items
        .slice(0, LISTED)
        .map((f) => (f.sourceUrl ? a(failedWords(f), f.sourceUrl) : e(failedWords(f)))),
      ...(d.failedDeployments.count > LISTED
        ? [a(`… and ${d.failedDeployments.count - LISTED} more`, d.failedDeployments.url)]
        : []),
    ]),
  );
  parts.push(
    h2(
      `${a(plural(d.incidents.count, "incident"), d.incidents.url)} <span style="color:#515b69;font-weight:normal;">(${d.incidents.open} open)</span>`,
    ),
  );
  parts.push(
    list([
      ...d.incidents.items
        .slice(0, LISTED)
        .map((i) => (i.sourceUrl ? a(incidentWords(i), i.sourceUrl) : e(incidentWords(i)))),
      ...(d.incidents.count > LISTED ? [a(`… and ${d.incidents.count - LISTED} more`, d.incidents.url)] : []),
    ]),
  );
  if (d.levels.length)
    parts.push(
      h2("Maturity levels reached"),
      list(d.levels.map((l) => a(`${l.name}: level ${l.from} → ${l.to} (${l.levelName})`, l.url))),
    );
  if (d.newcomers.count) {
    parts.push(
      h2(a(`${plural(d.newcomers.count, "newcomer")} merged a first pull request`, d.newcomers.url)),
      list(d.newcomers.items.slice(0, LISTED).map((n) => a(newcomerWords(n), n.sourceUrl ?? n.url))),
    );
  }
  parts.push(
    `<p style="${FONT}font-size:12px;color:#515b69;margin-top:24px;">Altimeter. Every number links to the records behind it in the dashboard.</p>`,
  );
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${e(digestSubject(d))}</title></head>
<body style="margin:0;padding:0;background:#f6f7f9;">
<table role="presentation" cellpadding="0" cellspacing="0" border="0" width="100%" style="background:#f6f7f9;"><tr><td align="center" style="padding:16px;">
<table role="presentation" cellpadding="0" cellspacing="0" border="0" width="640" style="max-width:640px;background:#ffffff;border:1px solid #d5dae1;"><tr><td style="padding:20px;${TEXT}">
${parts.join("\n")}
</td></tr></table>
</td></tr></table>
</body></html>
`;
}
