import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Page } from "playwright-core";
import { launchBrowser, saveScreenshot, startApp, type RunningApp, type TestBrowser } from "../../support/browser";
import * as fx from "../../lib/maturity/fixtures";
import { file } from "../../lib/maturity/fixtures";
import { seedOrganisation } from "../../lib/maturity/organisation";
import { DAY_MS } from "@/lib/time";

let app: RunningApp;
let browser: TestBrowser;

beforeAll(async () => {
  app = await startApp({
    // Payments: CI calling shared workflows, a runbook, a copier template and Renovate — level 2 on data alone.
    prepare: (db) =>
      seedOrganisation(db, "acme", {
        developers: 4,
        // The app assesses the 90 days before today.
        activeAt: new Date(Date.now() - 10 * DAY_MS).toISOString(),
        teams: ["payments"],
        repositories: [
          {
            id: "payments-api",
            files: [
              file(".github/workflows/ci.yml", fx.callerWorkflow),
              file("docs/runbook.md"),
              file(".copier-answers.yml", "_src_path: gh:acme/service-template\n"),
              file("renovate.json"),
              file("Dockerfile"),
              file("docker-compose.yml", fx.compose),
            ],
          },
        ],
      }),
  });
  browser = await launchBrowser({ signIn: app });
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

async function levelAndVerdict(page: Page): Promise<string> {
  return (await page.getByRole("region", { name: "Level", exact: true }).innerText()).replace(/\s+/g, " ");
}

const yesNo = (page: Page, question: string, answer: "Yes" | "No" | "Not answered") =>
  page.getByRole("group", { name: question }).getByRole("radio", { name: answer, exact: true }).check();

describe("the maturity questionnaire in the browser", () => {
  test("filling in and saving the questionnaire changes the team's level and verdict, and the history keeps every save", async () => {
    const page = await browser.newPage();
    await page.goto(`${app.url}/w/acme/maturity/payments`);
    expect(await levelAndVerdict(page)).toMatch(
      /Level 2 · Templates and generators provisional Verdict: Use a managed platform/,
    );
    expect(await page.getByText("Reached on data; 2 questions would confirm it.").count()).toBe(1);

    await page.getByRole("link", { name: "Answer this team's questions" }).click();
    await page.getByRole("heading", { name: "Questionnaire for team Payments" }).waitFor();

    // Validation: a bad answer and no author save nothing, and say what is wrong where it is.
    await page.getByLabel("How many developers write and ship code?").fill("-5");
    await page.getByRole("button", { name: "Save answers" }).click();
    // (Next's route announcer is an alert too.)
    const problem = page.getByRole("alert").filter({ hasText: "Nothing was saved" });
    await problem.waitFor();
    expect(await problem.innerText()).toBe("Nothing was saved: 2 answers need fixing.");
    expect(await page.getByText("Must be at least 1, got -5.").count()).toBe(1);
    expect(await page.getByText("Say who gave the answers").count()).toBe(1);
    expect(await page.getByLabel("How many developers write and ship code?").inputValue()).toBe("-5");
    expect(await page.getByText("No answers saved for team Payments yet.").count()).toBe(1);

    // The interview: nobody owns the templates, and payments needs GPUs for its fraud models.
    await page.getByLabel("Answered by").fill("Ana Rao");
    await page.getByLabel("How many developers write and ship code?").fill("");
    await yesNo(page, "Does someone own the templates new services start from and keep them current?", "No");
    await yesNo(page, "Do you need GPUs?", "Yes");
    await yesNo(page, "Can more than one person deploy and roll back by following written steps?", "Yes");
    await page.getByRole("button", { name: "Save answers" }).click();
    await page.waitForURL(/\/w\/acme\/maturity\/payments\?saved=1$/);
    expect(await page.getByRole("status").filter({ hasText: "Answers saved" }).count()).toBe(1);
    expect(await levelAndVerdict(page)).toMatch(/Level 1 · Scripts and documentation Verdict: Build a custom platform/);
    expect(await page.getByText("This team needs what no managed platform offers: GPU workloads").count()).toBe(1);
    await page.getByText("Recorded assessments as a table").click();
    expect(await page.getByRole("table").filter({ hasText: "Assessed" }).getByRole("row").count()).toBe(2);

    // Editable: the saved answers come back, and a second save joins the history.
    await page.goto(`${app.url}/w/acme/maturity/questionnaire?team=payments`);
    const gpu = page.getByRole("group", { name: "Do you need GPUs?" });
    expect(await gpu.getByRole("radio", { name: "Yes", exact: true }).isChecked()).toBe(true);
    await yesNo(page, "Do you need GPUs?", "No");
    await page.getByRole("button", { name: "Save answers" }).click();
    await page.waitForURL(/saved=1$/);
    expect(await levelAndVerdict(page)).toMatch(/Level 1 · Scripts and documentation Verdict: Use a managed platform/);

    await page.goto(`${app.url}/w/acme/maturity/questionnaire?team=payments`);
    const history = page
      .getByRole("region", { name: "History" })
      .getByRole("listitem")
      .filter({ hasText: "by Ana Rao" });
    expect(await history.count()).toBe(2);
    await saveScreenshot(page, "maturity-questionnaire");
    await page.close();
  });

  test("the overview shows the organisation's verdict, teams × levels and the check heatmap; the rubric page documents every level", async () => {
    const page = await browser.newPage();
    await page.goto(`${app.url}/w/acme/maturity`);
    expect(
      await page
        .getByRole("heading", { name: /^Verdict:/ })
        .first()
        .innerText(),
    ).toMatch(/Verdict: Use a managed platform/);
    const row = page.getByRole("region", { name: "Teams × levels" }).getByRole("row", { name: /Payments/ });
    expect((await row.innerText()).replace(/\s+/g, " ")).toMatch(/Payments Level 1 · Scripts and documentation/);
    const heatmap = page.getByRole("region", { name: "Checks" });
    expect(await heatmap.getByRole("cell", { name: "fail" }).count()).toBeGreaterThan(0);
    await saveScreenshot(page, "maturity-acme");
    await page.getByRole("link", { name: "How levels are awarded" }).click();
    await page.getByRole("heading", { name: "Maturity rubric, version 1" }).waitFor();
    for (const name of [
      "Level 1: Scripts and documentation",
      "Level 2: Templates and generators",
      "Level 3: Self-service portal",
      "Level 4: Fully automated platform",
    ]) {
      expect(await page.getByRole("heading", { name }).count()).toBe(1);
    }
    await page.close();
  });

  test("the demo organisation shows teams at all four levels and gets a verdict with reasons", async () => {
    const page = await browser.newPage();
    await page.goto(`${app.url}/w/demo/maturity`);
    const rows = page.getByRole("region", { name: "Teams × levels" });
    const level = async (team: string) =>
      (await rows.getByRole("row", { name: new RegExp(team) }).innerText()).replace(/\s+/g, " ");
    expect(await level("Checkout")).toMatch(/Level 4 · Fully automated platform/);
    expect(await level("Catalog & Search")).toMatch(/Level 3 · Self-service portal/);
    expect(await level("Fulfilment")).toMatch(/Level 2 · Templates and generators/);
    expect(await level("Legacy Billing")).toMatch(/Level 1 · Scripts and documentation/);
    const organisation = page.getByRole("region", { name: "Organisation" });
    expect(await organisation.getByRole("heading", { name: /^Verdict:/ }).innerText()).toMatch(
      /Evolve the custom platform/,
    );
    expect(await organisation.getByText("A custom platform is already in place", { exact: false }).count()).toBe(1);
    await saveScreenshot(page, "maturity-demo");
    await page.goto(`${app.url}/w/demo/maturity/checkout`);
    await saveScreenshot(page, "maturity-demo-checkout");
    await page.close();
  });
});
