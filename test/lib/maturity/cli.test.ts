import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { z } from "zod";
import { closeDatabase, openDatabase } from "@/db/client";
import { getLevelHistory, getQuestionnaire } from "@/lib/service/maturity";
import { altimeter } from "../../support/cli";
import { freshDatabase } from "../../support/db";

const store = await freshDatabase();
const dir = mkdtempSync(path.join(tmpdir(), "altimeter-answers-"));
afterAll(() => store.dispose());

const run = (...args: string[]) => altimeter(args, { db: store.file });
const json = (...args: string[]) => {
  const r = run(...args, "--json");
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as unknown;
};
function answersFile(name: string, content: unknown): string {
  const file = path.join(dir, name);
  writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content));
  return file;
}
async function inStore<T>(work: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>): Promise<T> {
  const db = await openDatabase(store.file);
  try {
    return await work(db);
  } finally {
    await closeDatabase(db);
  }
}

// spec/cli.md, `assess --json`: at least these keys.
const Reason = z.object({ text: z.string().min(1), evidence: z.array(z.string()) });
const Step = z.object({ category: z.string().min(1), action: z.string().min(1), tools: z.array(z.string()).min(1) });
const Verdict = z.enum(["managed", "managed-revisit", "custom", "evolve-custom"]);
const Level = z.number().int().min(0).max(4);
const Contract = z.object({
  workspace: z.string(),
  rubricVersion: z.literal("1"),
  organisation: z.object({
    level: Level,
    verdict: Verdict,
    reasons: z.array(Reason).min(1),
    nextSteps: z.array(Step).min(3).max(5),
    unknowns: z.array(z.string()),
  }),
  teams: z.array(
    z.object({
      team: z.string(),
      level: Level,
      provisional: z.boolean(),
      verdict: Verdict,
      checks: z
        .array(
          z.object({
            id: z.string(),
            level: z.number().int().min(1).max(4),
            aspect: z.string(),
            status: z.enum(["pass", "fail", "unknown"]),
            evidence: z.array(z.string()),
            fix: z.string().min(1),
          }),
        )
        .min(1),
    }),
  ),
});

describe("altimeter assess and answers", () => {
  beforeAll(() => {
    const demo = run("demo");
    expect(demo.status, demo.stderr).toBe(0);
  });

  test("assess --json keeps the contract of spec/cli.md, and the demo shows teams at all four levels with an organisation verdict and reasons", () => {
    const report = Contract.parse(json("assess", "--workspace", "demo"));
    const levels = Object.fromEntries(report.teams.map((t) => [t.team, t.level]));
    expect(levels).toMatchObject({ checkout: 4, catalog: 3, fulfilment: 2, billing: 1 });
    expect(report.organisation.verdict).toBe("evolve-custom");
    expect(report.organisation.reasons[0]!.evidence.join("\n")).toMatch(
      /northwind\/developer-portal: package\.json \(Backstage app\)/,
    );
    expect(report.teams.find((t) => t.team === "storefront")!.verdict).toBe("managed");
    // Reached on data while questionnaire checks are unanswered.
    expect(report.teams.find((t) => t.team === "checkout")!.provisional).toBe(true);
    const checkout = report.teams.find((t) => t.team === "checkout")!;
    expect(checkout.checks.find((c) => c.id === "gitops")).toMatchObject({
      status: "pass",
      evidence: expect.arrayContaining([
        expect.stringMatching(/^northwind\/checkout-api: deploy\/argocd\/application-production\.yaml \(Argo CD\)$/),
      ]),
    });
  });

  test("--team narrows the teams to one; the readable output lists every check", () => {
    const report = Contract.parse(json("assess", "--workspace", "demo", "--team", "billing"));
    expect(report.teams.map((t) => t.team)).toEqual(["billing"]);
    const text = run("assess", "--workspace", "demo", "--team", "billing");
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/Legacy Billing \(billing\): level 1 Scripts and documentation, provisional/);
    expect(text.stdout).toMatch(/service-templates\s+fail/);
  });

  test("an unknown workspace, a team without repositories, or a bad window is an error naming the problem", () => {
    expect(run("assess", "--workspace", "nope")).toMatchObject({
      status: 1,
      stderr: expect.stringMatching(/unknown workspace "nope"/),
    });
    expect(run("assess", "--workspace", "demo", "--team", "nobody")).toMatchObject({
      status: 1,
      stderr: expect.stringMatching(/unknown team "nobody"/),
    });
    expect(run("assess", "--workspace", "demo", "--team", "engineering")).toMatchObject({
      status: 1,
      stderr: expect.stringMatching(/"engineering" owns no repositories/),
    });
    expect(run("assess", "--workspace", "demo", "--days", "three")).toMatchObject({
      status: 1,
      stderr: expect.stringMatching(/--days must be a whole number/),
    });
    expect(run("assess", "--workspace", "demo", "--to", "2026-02-30")).toMatchObject({
      status: 1,
      stderr: expect.stringMatching(/--to must be a date/),
    });
  });

  test("answers import stores the organisation's and teams' answers, confirms provisional levels, and re-importing changes nothing", async () => {
    const file = answersFile("interview.json", {
      rubricVersion: "1",
      author: "Ana Rao",
      answeredAt: "2026-03-02T10:00:00Z",
      answers: {
        developers: 48,
        onboardingTime: "one-week",
        gpu: false,
        sharedDeployKnowledge: true,
        templatesMaintained: true,
        selfServiceNoTickets: true,
      },
      teams: { checkout: { automatedRollback: true } },
    });
    const first = run("answers", "import", file, "--workspace", "demo");
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toBe("organisation: saved 6 answers\nteam checkout: saved 1 answers\n");
    const again = run("answers", "import", file, "--workspace", "demo");
    expect(again.stdout).toBe("organisation: unchanged\nteam checkout: unchanged\n");

    const report = Contract.parse(json("assess", "--workspace", "demo", "--team", "checkout"));
    expect(report.teams[0]).toMatchObject({ level: 4, provisional: false });
    const view = await inStore((db) => getQuestionnaire(db, "demo", null));
    expect(view.history).toHaveLength(1);
    expect(view.current).toMatchObject({ author: "Ana Rao", answeredAt: Date.UTC(2026, 2, 2, 10) });
  });

  test("--team puts the top-level answers on that team, merged onto its earlier ones; null clears one", async () => {
    const file = answersFile("billing.json", { answers: { sharedDeployKnowledge: false, gpu: null } });
    const r = run("answers", "import", file, "--workspace", "demo", "--team", "billing", "--author", "Ben Berg");
    expect(r.status, r.stderr).toBe(0);
    const report = Contract.parse(json("assess", "--workspace", "demo", "--team", "billing"));
    expect(report.teams[0]!.level).toBe(0);
    const view = await inStore((db) => getQuestionnaire(db, "demo", "billing"));
    expect(view.current).toMatchObject({ author: "Ben Berg", answers: { sharedDeployKnowledge: false } });
  });

  test("a bad answers file is refused with the file and the question named, and nothing is stored", async () => {
    const before = await inStore((db) => getQuestionnaire(db, "demo", null));
    const cases: [unknown, RegExp][] = [
      [
        { author: "X", answers: { developer: 5 } },
        /bad\.json at answers: unknown question "developer" \(known: developers,/,
      ],
      [
        { author: "X", answers: { onboardingTime: "fortnight" } },
        /bad\.json at answers: onboardingTime .* must be one of "days", "one-week", "weeks", "months", got "fortnight"/,
      ],
      [{ author: "X", answers: { developers: -3 } }, /developers .* must be at least 1, got -3/],
      [{ author: "X", answers: { gpu: "yes" } }, /gpu .* must be true \(yes\) or false \(no\), got "yes"/],
      [{ author: "X", answers: { gpu: true }, teams: { nobody: { gpu: true } } }, /unknown team "nobody"/],
      [
        { author: "X", answeredAt: "2026-03-02T10:00:00", answers: { gpu: true } },
        /at answeredAt: timestamp without a zone/,
      ],
      [{ author: "X", rubricVersion: "2", answers: {} }, /rubricVersion "2" is not supported/],
      [{ answers: { gpu: true } }, /say who answered, with --author NAME/],
      ["{ not json", /not valid JSON/],
    ];
    for (const [content, message] of cases) {
      const r = run("answers", "import", answersFile("bad.json", content), "--workspace", "demo");
      expect(r.status, JSON.stringify(content)).toBe(1);
      expect(r.stderr).toMatch(message);
    }
    expect(run("answers", "import", path.join(dir, "missing.json"), "--workspace", "demo").stderr).toMatch(
      /cannot read .*missing\.json/,
    );
    const after = await inStore((db) => getQuestionnaire(db, "demo", null));
    expect(after.history).toEqual(before.history);
  });

  test("--record keeps each assessment for level over time; without it nothing is recorded", async () => {
    const before = await inStore((db) => getLevelHistory(db, "demo", "checkout"));
    expect(run("assess", "--workspace", "demo").status).toBe(0);
    expect(await inStore((db) => getLevelHistory(db, "demo", "checkout"))).toHaveLength(before.length);
    expect(run("assess", "--workspace", "demo", "--record").status).toBe(0);
    expect(run("assess", "--workspace", "demo", "--record").status).toBe(0);
    const after = await inStore((db) => getLevelHistory(db, "demo", "checkout"));
    expect(after).toHaveLength(before.length + 2);
    expect(after.at(-1)).toMatchObject({ level: 4, verdict: "evolve-custom", rubricVersion: "1" });
    expect(await inStore((db) => getLevelHistory(db, "demo", null))).toHaveLength(after.length);
  });
});
