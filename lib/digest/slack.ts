import { httpLink } from "./links";
import type { DigestModel } from "./model";
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

/** Slack's mrkdwn: &, < and > escaped; links as <url|text>. */
const esc = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
/**
 * A link in mrkdwn, only to an http(s) address, whose `<>|&` are escaped (a
 * `|` or `>` in a URL would otherwise end it and let the rest, `<!channel>`
 * included, be read as markup); any other address leaves the text unlinked.
 */
const link = (text: string, url: string) => {
  const words = esc(text).replace(/\|/g, "¦");
  const safe = httpLink(url);
  return safe ? `<${esc(safe).replace(/\|/g, "%7C")}|${words}>` : words;
};
// Block Kit: a section's text holds at most 3000 characters, a field 2000, a message 50 blocks.
const clip = (text: string, max = 2900) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
const LISTED = 5;

type Block = Record<string, unknown>;
const section = (text: string): Block => ({ type: "section", text: { type: "mrkdwn", text: clip(text) } });

/** The digest as a Slack incoming-webhook message: Block Kit blocks, and `text` for notifications. */
export function renderSlack(d: DigestModel): { text: string; blocks: Block[] } {
  const blocks: Block[] = [
    { type: "header", text: { type: "plain_text", text: clip(`${d.workspace.name}: weekly digest ${d.week}`, 150) } },
    {
      type: "context",
      elements: [{ type: "mrkdwn", text: clip(`${esc(digestPeriod(d))} · ${link("dashboard", d.dashboardUrl)}`) }],
    },
    {
      type: "section",
      fields: d.metrics.map((m) => ({
        type: "mrkdwn",
        text: clip(
          `*${esc(m.title)}*\n${link(valueWithUnit(m.valueText, m.unit), m.url)} · ${esc(changeWords(m))}${tierWords(m) ? `\n${m.withheld === null ? "DORA " : ""}${esc(tierWords(m))}` : ""}`,
          1900,
        ),
      })),
    },
  ];
  if (d.tierChanges.length)
    blocks.push(
      section(`*Tier changes*\n${d.tierChanges.map((t) => `• ${link(tierChangeWords(t), t.url)}`).join("\n")}`),
    );
  if (d.improved.length || d.regressed.length) {
    blocks.push(
      section(
        `*Teams that moved most*\n${[...d.improved.map((m) => `• Improved: ${link(moveWords(m), m.url)}`), ...d.regressed.map((m) => `• Regressed: ${link(moveWords(m), m.url)}`)].join("\n")}`,
      ),
    );
  }
  const more = (n: number, url: string) => (n > LISTED ? `\n• ${link(`… and ${n - LISTED} more`, url)}` : "");
  blocks.push(
    section(
      `*${link(`${d.failedDeployments.count} failed deployment${d.failedDeployments.count === 1 ? "" : "s"}`, d.failedDeployments.url)}*` +
        d.failedDeployments.items
          .slice(0, LISTED)
          .map((f) => `\n• ${f.sourceUrl ? link(failedWords(f), f.sourceUrl) : esc(failedWords(f))}`)
          .join("") +
        more(d.failedDeployments.count, d.failedDeployments.url),
    ),
    section(
      `*${link(`${d.incidents.count} incident${d.incidents.count === 1 ? "" : "s"}`, d.incidents.url)}* (${d.incidents.open} open)` +
        d.incidents.items
          .slice(0, LISTED)
          .map((i) => `\n• ${i.sourceUrl ? link(incidentWords(i), i.sourceUrl) : esc(incidentWords(i))}`)
          .join("") +
        more(d.incidents.count, d.incidents.url),
    ),
  );
  if (d.levels.length)
    blocks.push(
      section(
        `*Maturity levels reached*\n${d.levels.map((l) => `• ${link(`${l.name}: level ${l.from} → ${l.to} (${l.levelName})`, l.url)}`).join("\n")}`,
      ),
    );
  if (d.newcomers.count) {
    blocks.push(
      section(
        `*${link(`${d.newcomers.count} newcomer${d.newcomers.count === 1 ? "" : "s"} merged a first pull request`, d.newcomers.url)}*` +
          d.newcomers.items
            .slice(0, LISTED)
            .map((n) => `\n• ${link(newcomerWords(n), n.sourceUrl ?? n.url)}`)
            .join(""),
      ),
    );
  }
  return { text: digestSubject(d), blocks };
}
