import { afterAll, describe, expect, test } from "vitest";
import { ECOSYSTEM } from "@/lib/maturity/ecosystem";
import type { AnswerChanges } from "@/lib/maturity/answers";
import type { OrganisationAssessment } from "@/lib/maturity/types";
import { assessMaturity, saveAnswers } from "@/lib/service/maturity";
import { freshDatabase } from "../../support/db";
import * as fx from "./fixtures";
import { file, paths } from "./fixtures";
import { NOW, seedOrganisation, TO } from "./organisation";

const store = await freshDatabase();
afterAll(() => store.dispose());

async function answer(slug: string, changes: AnswerChanges): Promise<void> {
  await saveAnswers(store.db, {
    workspace: slug,
    author: "Consultant",
    now: NOW,
    saves: [{ team: null, changes, mode: "merge" }],
  });
}

async function organisation(slug: string): Promise<OrganisationAssessment> {
  return (await assessMaturity(store.db, { workspace: slug, to: TO, now: NOW })).organisation;
}

const allTools: string[] = Object.values(ECOSYSTEM).flat();

function expectConcreteSteps(o: OrganisationAssessment): void {
  expect(o.nextSteps.length).toBeGreaterThanOrEqual(3);
  expect(o.nextSteps.length).toBeLessThanOrEqual(5);
  for (const s of o.nextSteps) {
    expect(Object.keys(ECOSYSTEM)).toContain(s.category);
    expect(s.tools.length).toBeGreaterThan(0);
    for (const tool of s.tools) expect(allTools).toContain(tool);
  }
}

const texts = (o: OrganisationAssessment) => o.reasons.map((r) => r.text).join("\n");
const evidence = (o: OrganisationAssessment) => o.reasons.flatMap((r) => r.evidence).join("\n");

describe("the managed-vs-custom recommendation", () => {
  test("a 6-developer startup on Vercel with simple infrastructure should stay managed, on Vercel", async () => {
    await seedOrganisation(store.db, "startup", {
      developers: 6,
      repositories: [
        {
          id: "web",
          files: [
            file("package.json", fx.nextPackage),
            file("next.config.mjs"),
            file("vercel.json", "{}"),
            file(".github/workflows/ci.yml", fx.ciWorkflow),
          ],
        },
        { id: "api", files: [file("vercel.json", "{}"), ...paths("api/orders.ts", "README.md")] },
      ],
    });
    await answer("startup", {
      simpleInfrastructure: true,
      onePersonDevOps: true,
      gpu: false,
      customNetworking: false,
      complianceCertification: false,
      dataResidency: false,
      costAtScale: false,
    });
    const o = await organisation("startup");
    expect(o.verdict).toBe("managed");
    expect(o.managedPlatform?.providers).toEqual(["Vercel"]);
    // The bot and last year's committer do not count.
    expect(o.contributors).toBe(6);
    expect(evidence(o)).toContain(
      "6 contributors: distinct non-bot commit and pull request authors, 2026-01-06 – 2026-04-06",
    );
    expect(evidence(o)).toContain("startup/web: vercel.json (Vercel)");
    expect(o.nextSteps[0]).toMatchObject({ category: "managed platform", tools: ["Vercel"] });
    expectConcreteSteps(o);
  });

  test("a 60-developer organisation with Kubernetes sprawl, onboarding in weeks and misconfiguration failures should build a custom platform", async () => {
    const helm = (id: string) => ({
      id,
      files: [
        file("charts/app/Chart.yaml"),
        file("charts/app/templates/deployment.yaml", fx.deployment(false)),
        file(".github/workflows/ci.yml", fx.ciWorkflow),
      ],
    });
    const kustomize = (id: string) => ({
      id,
      files: [file("k8s/kustomization.yaml"), file("k8s/deployment.yaml", fx.deployment(false)), file("Jenkinsfile")],
    });
    const plain = (id: string) => ({
      id,
      files: [file("manifests/deployment.yaml", fx.deployment(false)), file("scripts/deploy.sh")],
    });
    await seedOrganisation(store.db, "sprawl", {
      developers: 12,
      repositories: [
        helm("orders"),
        helm("search"),
        kustomize("billing"),
        kustomize("ledger"),
        plain("auth"),
        plain("mailer"),
        plain("reports"),
        helm("catalog"),
      ],
    });
    await answer("sprawl", { developers: 60, onboardingTime: "weeks", misconfigurationFailures: true });
    const o = await organisation("sprawl");
    expect(o.verdict).toBe("custom");
    expect(texts(o)).toMatch(/60 developers/);
    expect(texts(o)).toMatch(/Onboarding takes weeks/);
    expect(texts(o)).toMatch(/misconfiguration/);
    expect(texts(o)).toMatch(
      /Kubernetes sprawl: 8 repositories .* packaged 3 ways \(Helm, Kustomize, plain manifests\), and nothing reconciles it/,
    );
    expect(texts(o)).toMatch(/different tools for the same job: GitHub Actions \/ Jenkins/);
    expect(evidence(o)).toContain(
      'developers: answered "60 developers" by Consultant for the organisation on 2026-04-06',
    );
    expect(o.managedPlatform).toBeNull();
    expectConcreteSteps(o);
    // Steps close what is missing, lowest level first: nobody has runbooks, templates or shared CI.
    expect(o.nextSteps.map((s) => s.category)).toContain("portal");
  });

  test("a 12-developer company on Railway with a data-residency requirement stays managed with the region pinned, and names the trigger to revisit", async () => {
    await seedOrganisation(store.db, "residency", {
      developers: 12,
      repositories: [
        {
          id: "api",
          files: [
            file("railway.toml"),
            file("Dockerfile"),
            file("docker-compose.yml", fx.compose),
            file(".github/workflows/ci.yml", fx.ciWorkflow),
          ],
        },
        { id: "worker", files: [file("railway.json"), file("Dockerfile")] },
      ],
    });
    await answer("residency", {
      dataResidency: true,
      gpu: false,
      customNetworking: false,
      complianceCertification: false,
    });
    const o = await organisation("residency");
    expect(o.verdict).toBe("managed-revisit");
    expect(o.managedPlatform).toMatchObject({ providers: ["Railway"] });
    expect(o.managedPlatform!.constraints[0]).toMatch(
      /^Data residency .*pin every service and database to regions inside the required jurisdiction/,
    );
    expect(o.revisitWhen[0]).toMatch(/regulator requires certification or single-tenant hosting/);
    expect(texts(o)).toMatch(/Requirement that constrains the provider: data residency/);
    expect(texts(o)).toMatch(/Revisit when/);
    expectConcreteSteps(o);
  });

  test("a compliance requirement no managed provider meets turns the same company to a custom platform", async () => {
    await answer("residency", { complianceCertification: true });
    const o = await organisation("residency");
    expect(o.verdict).toBe("custom");
    expect(o.reasons[0]!.text).toMatch(/Requirements no managed platform meets: compliance/);
  });

  test("a platform team already on Backstage and Argo CD should evolve its custom platform", async () => {
    await seedOrganisation(store.db, "platformed", {
      developers: 25,
      teams: ["platform", "payments"],
      repositories: [
        {
          id: "portal",
          team: "platform",
          files: [
            file("package.json", fx.backstagePackage),
            file("app-config.yaml", "app:\n  title: Portal\ncatalog:\n  rules: []\n"),
            file("catalog-info.yaml", fx.catalogInfo),
          ],
        },
        {
          id: "gitops",
          team: "platform",
          files: [file("apps/payments.yaml", fx.argoApplication), file("catalog-info.yaml", fx.catalogInfo)],
        },
        {
          id: "payments-api",
          team: "payments",
          files: [
            file("catalog-info.yaml", fx.catalogInfo),
            file(".github/workflows/ci.yml", fx.ciWorkflow),
            file("docs/runbook.md"),
          ],
        },
      ],
    });
    const report = await assessMaturity(store.db, { workspace: "platformed", to: TO, now: NOW });
    const o = report.organisation;
    expect(o.verdict).toBe("evolve-custom");
    expect(o.reasons[0]!.evidence).toEqual(
      expect.arrayContaining([
        "platformed/portal: package.json (Backstage app)",
        "platformed/gitops: apps/payments.yaml (Argo CD)",
      ]),
    );
    expect(report.teams.map((t) => [t.team, t.verdict])).toEqual([
      ["payments", "evolve-custom"],
      ["platform", "evolve-custom"],
    ]);
    expectConcreteSteps(o);
    // Tools the organisation already runs come first.
    expect(o.nextSteps.find((s) => s.category === "portal")?.tools[0] ?? "Backstage").toBe("Backstage");
  });

  test("with no answers the verdict says what it is unsure of", async () => {
    await seedOrganisation(store.db, "unanswered", {
      developers: 30,
      repositories: [{ id: "api", files: [file("Dockerfile"), file(".github/workflows/ci.yml", fx.ciWorkflow)] }],
    });
    const o = await organisation("unanswered");
    expect(["managed", "managed-revisit", "custom", "evolve-custom"]).toContain(o.verdict);
    expect(o.unknowns).toEqual(
      expect.arrayContaining([
        "unanswered: Do deployment failures often come from misconfiguration (environments, secrets, drift)?",
        "unanswered: Do you need GPUs?",
        "unanswered: Must data stay in a given country or region (data residency)?",
      ]),
    );
    const unsure = o.reasons.find((r) => r.text.startsWith("Unsure:"))!;
    expect(unsure.text).toMatch(
      new RegExp(`^Unsure: ${o.unknowns.length} things that could change this verdict are not known`),
    );
    expect(unsure.evidence).toEqual(o.unknowns);
    // Size still comes from the data.
    expect(texts(o)).toMatch(/30 developers/);
  });
});
