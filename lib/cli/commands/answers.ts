import { readFileSync } from "node:fs";
import { ValidationError } from "@/lib/errors";
import { parseAnswersFile } from "@/lib/maturity/answers-file";
import { saveAnswers, type AnswerSave } from "@/lib/service/maturity";
import { optional, required, type Command } from "../command";

function readText(file: string): string {
  try {
    return file === "-" ? readFileSync(0, "utf8") : readFileSync(file, "utf8");
  } catch {
    throw new ValidationError(`cannot read ${file}: no such file`);
  }
}

export const answersCommand: Command = {
  name: "answers",
  summary: "Import questionnaire answers (a JSON file) into a workspace",
  usage: "altimeter answers import FILE --workspace SLUG [--team ID] [--author NAME] [--json]",
  help: `
FILE is JSON (or - for standard input), the format of lib/maturity/RUBRIC.md
"Answers file":

  {
    "rubricVersion": "1",
    "author": "Ana Rao",
    "answeredAt": "2026-03-02T10:00:00Z",
    "answers": { "developers": 60, "onboardingTime": "weeks", "gpu": false },
    "teams": { "payments": { "automatedRollback": true } }
  }

"answers" are the organisation's, or --team's when given; "teams" holds
answers per team. Answers merge onto the scope's current ones (null clears
one); each scope that changes gets a new entry in its history, and the
assessment is recorded. Nothing is stored when any part of the file is bad.
Re-importing the same file changes nothing.

  --workspace SLUG  the workspace (required; must exist)
  --team ID         the team the top-level "answers" belong to
  --author NAME     who gave the answers (overrides the file's "author")
  --json            print what was saved as JSON`,
  options: {
    workspace: { type: "string" },
    team: { type: "string" },
    author: { type: "string" },
    json: { type: "boolean" },
  },
  async run(ctx) {
    const [action, file, ...extra] = ctx.positionals;
    if (action !== "import")
      throw new ValidationError(`unknown action ${JSON.stringify(action ?? "")}: use "altimeter answers import FILE"`);
    if (!file || extra.length > 0)
      throw new ValidationError("name exactly one FILE: altimeter answers import FILE --workspace SLUG");
    const parsed = parseAnswersFile(readText(file), file);
    const team = optional(ctx, "team");
    if (team !== null && Object.keys(parsed.teams).length > 0)
      throw new ValidationError(`${file}: has a "teams" object; with --team, put the team's answers under "answers"`);
    const author = optional(ctx, "author") ?? parsed.author;
    if (!author) throw new ValidationError(`${file}: say who answered, with --author NAME or an "author" field`);
    const saves: AnswerSave[] = [
      ...(parsed.answers ? [{ team, changes: parsed.answers, mode: "merge" as const }] : []),
      ...Object.entries(parsed.teams).map(([id, changes]) => ({ team: id, changes, mode: "merge" as const })),
    ];
    const result = await saveAnswers(await ctx.db(), {
      workspace: required(ctx, "workspace"),
      author,
      answeredAt: parsed.answeredAt,
      saves,
    });
    if (ctx.values.json) {
      ctx.out(
        JSON.stringify(
          { saved: result.saved.map((s) => ({ team: s.team, changed: s.changed, answers: s.answers })) },
          null,
          2,
        ),
      );
    } else {
      for (const s of result.saved) {
        const scope = s.team === null ? "organisation" : `team ${s.team}`;
        ctx.out(`${scope}: ${s.changed ? `saved ${Object.keys(s.answers).length} answers` : "unchanged"}`);
      }
    }
    return 0;
  },
};
