import { ValidationError } from "@/lib/errors";
import { LEVELS } from "@/lib/maturity/rubric";
import type { AssessmentReport, Level, NextStep, Reason, TeamAssessment } from "@/lib/maturity/types";
import { assessMaturity, DEFAULT_ASSESSMENT_DAYS, noContributorsHint } from "@/lib/service/maturity";
import { optional, required, type Command } from "../command";
import { table } from "../format";

const levelText = (level: Level, provisional: boolean) =>
  `${level === 0 ? "0 (below level 1)" : `${level} ${LEVELS[level - 1]!.name}`}${provisional ? ", provisional" : ""}`;

function reasonLines(reasons: readonly Reason[]): string[] {
  return reasons.flatMap((r) => [`  - ${r.text}`, ...r.evidence.map((e) => `      ${e}`)]);
}

function stepLines(steps: readonly NextStep[]): string[] {
  return steps.map(
    (s, i) => `  ${i + 1}. [${s.category}] ${s.action}${s.tools.length ? ` (${s.tools.join(", ")})` : ""}`,
  );
}

function teamDetail(t: TeamAssessment): string[] {
  const checks = table([
    ["level", "check", "status", "evidence or fix"],
    ...t.checks.map((c) => [
      String(c.level),
      c.id,
      c.status,
      c.status === "pass" ? (c.evidence[0] ?? "") : `${c.evidence[0] ?? c.note ?? ""} — ${c.fix}`,
    ]),
  ]);
  return [
    "",
    `${t.name} (${t.team}): level ${levelText(t.level, t.provisional)}; verdict ${t.verdict}; ${t.contributors} contributors`,
    ...(t.openQuestions.length ? ["Open questions:", ...t.openQuestions.map((q) => `  - ${q.text} (${q.check})`)] : []),
    "",
    checks,
    "",
    "Reasons:",
    ...reasonLines(t.reasons),
    "Next steps:",
    ...stepLines(t.nextSteps),
  ];
}

/** The readable form of an assessment (the output of `altimeter assess` without --json). */
export function describeAssessment(r: AssessmentReport, oneTeam: boolean): string {
  const o = r.organisation;
  const lines = [
    `${r.workspace}: maturity assessment (rubric ${r.rubricVersion}), ${r.window.from} to ${r.window.to} (exclusive)`,
    "",
    `Organisation: level ${levelText(o.level, o.provisional)}; verdict ${o.verdict}; ${o.contributors} contributors`,
    "Reasons:",
    ...reasonLines(o.reasons),
    "Next steps:",
    ...stepLines(o.nextSteps),
    ...(o.unknowns.length ? ["Unknowns:", ...o.unknowns.map((u) => `  - ${u}`)] : []),
  ];
  if (r.teams.length > 0) {
    lines.push(
      "",
      table([
        ["team", "level", "provisional", "verdict", "next level blocked by"],
        ...r.teams.map((t) => [
          t.team,
          String(t.level),
          t.provisional ? "yes" : "no",
          t.verdict,
          t.progress.blocking.join(", ") || "—",
        ]),
      ]),
    );
  }
  if (oneTeam) for (const t of r.teams) lines.push(...teamDetail(t));
  return lines.join("\n");
}

export const assessCommand: Command = {
  name: "assess",
  summary: "Assess platform maturity and recommend a managed or custom platform",
  usage: "altimeter assess --workspace SLUG [--team ID] [--json] [--record] [--to YYYY-MM-DD] [--days N]",
  help: `
Places each team on the four-level maturity rubric (lib/maturity/RUBRIC.md)
from its repository files, metrics and questionnaire answers, and gives the
organisation and each team a verdict: managed, managed-revisit, custom or
evolve-custom, with reasons, next steps and what is unknown.

  --workspace SLUG  the workspace (required)
  --team ID         only this team (the organisation is still shown), with every check
  --json            the JSON of spec/cli.md
  --record          record the result (organisation and every team) for level over time
  --to DATE         the day after the metrics window, YYYY-MM-DD (default: today, UTC)
  --days N          the window's length in days (default ${DEFAULT_ASSESSMENT_DAYS})`,
  options: {
    workspace: { type: "string" },
    team: { type: "string" },
    json: { type: "boolean" },
    record: { type: "boolean" },
    to: { type: "string" },
    days: { type: "string" },
  },
  async run(ctx) {
    const daysText = optional(ctx, "days");
    const days = daysText === null ? null : Number(daysText);
    if (daysText !== null && (daysText.trim() === "" || !Number.isInteger(days)))
      throw new ValidationError(`--days must be a whole number, got ${JSON.stringify(daysText)}`);
    const team = optional(ctx, "team");
    const report = await assessMaturity(await ctx.db(), {
      workspace: required(ctx, "workspace"),
      team,
      to: optional(ctx, "to"),
      days,
      record: Boolean(ctx.values.record),
    });
    ctx.out(ctx.values.json ? JSON.stringify(report, null, 2) : describeAssessment(report, team !== null));
    if (report.organisation.contributors === 0) {
      const hint = await noContributorsHint(await ctx.db(), report.workspace, report.window);
      if (hint) ctx.err(`note: 0 contributors: ${hint}`);
    }
    return 0;
  },
};
