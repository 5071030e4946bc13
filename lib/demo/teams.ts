/**
 * Northwind, the demo organisation: six teams that differ on purpose in how
 * they deliver (the DORA profile) and in how much platform they stand on (the
 * maturity style read from their repositories' files).
 */

/** The GitHub organisation of the demo; repository names are `northwind/<slug>`. */
export const DEMO_ORG = "northwind";

/** What a team's repositories show of its platform, from scripts and docs up to a fully automated platform. */
export type PlatformStyle = "automated" | "self-service" | "templates" | "scripts" | "managed" | "platform";

/** When a repository reaches production. */
export type DeploySchedule =
  /** Every merge into the default branch runs the pipeline (continuous delivery). */
  | { kind: "per-merge" }
  /** A deploy window on some weekdays, taken when there is something to ship. */
  | { kind: "deploy-days"; weekdays: readonly number[]; chance: number; hourUtc: number }
  /** A release train every few weeks; some trains are skipped. */
  | {
      kind: "release-train";
      intervalDays: readonly [number, number];
      weekday: number;
      hourUtc: number;
      skipChance: number;
    };

/** The numbers a team's delivery is drawn from; hours are medians of log-normal durations. */
export interface PerformanceProfile {
  prsPerWeek: number;
  /** First commit → pull request opened. */
  codingHours: number;
  /** Pull request opened → merged. */
  reviewHours: number;
  /** Share of pull requests merged; the rest are closed unmerged. */
  mergeRate: number;
  /** Share of pull requests aimed at a release branch instead of the default branch. */
  releaseBranchShare: number;
  schedule: DeploySchedule;
  /** Pre-production environment → production. */
  promotionHours: number;
  deployMinutes: number;
  deployFailureRate: number;
  /** Share of successful production deployments that cause an incident. */
  incidentRate: number;
  restoreHours: number;
  /** A failed production deployment → the deployment that replaces it. */
  hotfixHours: number;
  ciFailureRate: number;
  ciMinutes: number;
  /** Joined → first merged pull request, in days. */
  onboardingDays: number;
}

/** One repository of a team, as the generator should create it. */
export interface RepositorySpec {
  slug: string;
  createdDaysAgo: number;
  /** Share of the team's pull requests. */
  prShare: number;
  /** The deploy pipeline in order; empty when the repository is never deployed. `production` is the primary one. */
  environments: readonly string[];
  /** Vercel-style preview deployment for every pull request. */
  previews?: boolean;
  defaultBranch?: string;
  isTemplate?: boolean;
  /** Generated from the platform team's template repository. */
  fromTemplate?: boolean;
  /** For repositories born inside the history: hours from creation to the first production deployment. */
  firstDeployHours?: number;
  /** What the repository holds, which decides its files. */
  kind:
    | "service"
    | "web"
    | "library"
    | "monolith"
    | "infra"
    | "ci-templates"
    | "portal"
    | "template"
    | "scaffolder"
    | "generator";
}

/** A team of the demo organisation with its profile. */
export interface TeamSpec {
  id: string;
  name: string;
  /** People on the team for the whole history. */
  members: number;
  /** People who joined in the last months. */
  newcomers: number;
  workStartHourUtc: number;
  style: PlatformStyle;
  dependencyBot: "renovate[bot]" | "dependabot[bot]";
  incidentSource: "pagerduty" | "opsgenie";
  performance: PerformanceProfile;
  repositories: readonly RepositorySpec[];
}

/** The parent of every team. */
export const PARENT_TEAM = { id: "engineering", name: "Engineering" } as const;

/** The platform team's template repository, which other repositories are generated from. */
export const TEMPLATE_SLUG = "service-template";

const prodOnly = ["production"] as const;
const stagedProd = ["staging", "production"] as const;

/** The six teams, from the elite one down, then the front-end and platform teams. */
export const TEAMS: readonly TeamSpec[] = [
  {
    id: "checkout",
    name: "Checkout",
    members: 7,
    newcomers: 2,
    workStartHourUtc: 7,
    style: "automated",
    dependencyBot: "renovate[bot]",
    incidentSource: "pagerduty",
    performance: {
      prsPerWeek: 19,
      codingHours: 2.5,
      reviewHours: 1.5,
      mergeRate: 0.96,
      releaseBranchShare: 0,
      schedule: { kind: "per-merge" },
      promotionHours: 0.15,
      deployMinutes: 6,
      deployFailureRate: 0.015,
      incidentRate: 0.018,
      restoreHours: 0.6,
      hotfixHours: 0.5,
      ciFailureRate: 0.06,
      ciMinutes: 6,
      onboardingDays: 2.5,
    },
    repositories: [
      {
        slug: "checkout-api",
        createdDaysAgo: 2310,
        prShare: 0.4,
        environments: ["staging", "production", "prod-eu"],
        kind: "service",
      },
      { slug: "cart-service", createdDaysAgo: 1890, prShare: 0.25, environments: stagedProd, kind: "service" },
      { slug: "payment-gateway", createdDaysAgo: 1460, prShare: 0.2, environments: stagedProd, kind: "service" },
      {
        slug: "checkout-edge",
        createdDaysAgo: 212,
        prShare: 0.15,
        environments: stagedProd,
        fromTemplate: true,
        firstDeployHours: 1.6,
        kind: "service",
      },
    ],
  },
  {
    id: "catalog",
    name: "Catalog & Search",
    members: 7,
    newcomers: 1,
    workStartHourUtc: 8,
    style: "self-service",
    dependencyBot: "dependabot[bot]",
    incidentSource: "pagerduty",
    performance: {
      prsPerWeek: 12,
      codingHours: 9,
      reviewHours: 16,
      mergeRate: 0.93,
      releaseBranchShare: 0,
      schedule: { kind: "deploy-days", weekdays: [1, 2, 3, 4], chance: 0.7, hourUtc: 12 },
      promotionHours: 1,
      deployMinutes: 12,
      deployFailureRate: 0.04,
      incidentRate: 0.04,
      restoreHours: 3,
      hotfixHours: 4,
      ciFailureRate: 0.1,
      ciMinutes: 11,
      onboardingDays: 4,
    },
    repositories: [
      { slug: "catalog-api", createdDaysAgo: 2050, prShare: 0.35, environments: stagedProd, kind: "service" },
      {
        slug: "search-indexer",
        createdDaysAgo: 1380,
        prShare: 0.25,
        environments: stagedProd,
        fromTemplate: true,
        kind: "service",
      },
      {
        slug: "recommendations",
        createdDaysAgo: 905,
        prShare: 0.2,
        environments: stagedProd,
        fromTemplate: true,
        kind: "service",
      },
      { slug: "catalog-scaffolder", createdDaysAgo: 640, prShare: 0.05, environments: [], kind: "scaffolder" },
      {
        slug: "reviews-service",
        createdDaysAgo: 41,
        prShare: 0.15,
        environments: stagedProd,
        fromTemplate: true,
        firstDeployHours: 2.6,
        kind: "service",
      },
    ],
  },
  {
    id: "fulfilment",
    name: "Fulfilment",
    members: 6,
    newcomers: 1,
    workStartHourUtc: 8,
    style: "templates",
    dependencyBot: "dependabot[bot]",
    incidentSource: "opsgenie",
    performance: {
      prsPerWeek: 9,
      codingHours: 30,
      reviewHours: 40,
      mergeRate: 0.9,
      releaseBranchShare: 0.015,
      schedule: { kind: "release-train", intervalDays: [14, 21], weekday: 3, hourUtc: 10, skipChance: 0.1 },
      promotionHours: 24,
      deployMinutes: 25,
      deployFailureRate: 0.065,
      incidentRate: 0.075,
      restoreHours: 40,
      hotfixHours: 20,
      ciFailureRate: 0.15,
      ciMinutes: 18,
      onboardingDays: 10,
    },
    repositories: [
      { slug: "warehouse-api", createdDaysAgo: 2600, prShare: 0.35, environments: stagedProd, kind: "service" },
      { slug: "shipping-rates", createdDaysAgo: 1720, prShare: 0.25, environments: stagedProd, kind: "service" },
      {
        slug: "order-router",
        createdDaysAgo: 1100,
        prShare: 0.2,
        environments: stagedProd,
        fromTemplate: true,
        kind: "service",
      },
      { slug: "fulfilment-templates", createdDaysAgo: 820, prShare: 0.05, environments: [], kind: "generator" },
      {
        slug: "returns-service",
        createdDaysAgo: 152,
        prShare: 0.15,
        environments: stagedProd,
        fromTemplate: true,
        firstDeployHours: 58,
        kind: "service",
      },
    ],
  },
  {
    id: "billing",
    name: "Legacy Billing",
    members: 5,
    newcomers: 1,
    workStartHourUtc: 9,
    style: "scripts",
    dependencyBot: "dependabot[bot]",
    incidentSource: "opsgenie",
    performance: {
      prsPerWeek: 5,
      codingHours: 120,
      reviewHours: 220,
      mergeRate: 0.85,
      releaseBranchShare: 0.08,
      schedule: { kind: "release-train", intervalDays: [90, 120], weekday: 6, hourUtc: 21, skipChance: 0 },
      promotionHours: 48,
      deployMinutes: 75,
      deployFailureRate: 0.18,
      incidentRate: 0.16,
      restoreHours: 500,
      hotfixHours: 40,
      ciFailureRate: 0.25,
      ciMinutes: 38,
      onboardingDays: 24,
    },
    repositories: [
      {
        slug: "billing-monolith",
        createdDaysAgo: 3420,
        prShare: 0.6,
        environments: ["uat", "production"],
        defaultBranch: "master",
        kind: "monolith",
      },
      {
        slug: "invoice-batch",
        createdDaysAgo: 2910,
        prShare: 0.25,
        environments: prodOnly,
        defaultBranch: "master",
        kind: "monolith",
      },
      { slug: "billing-reports", createdDaysAgo: 2230, prShare: 0.15, environments: prodOnly, kind: "monolith" },
    ],
  },
  {
    id: "storefront",
    name: "Storefront",
    members: 6,
    newcomers: 1,
    workStartHourUtc: 14,
    style: "managed",
    dependencyBot: "dependabot[bot]",
    incidentSource: "pagerduty",
    performance: {
      prsPerWeek: 12,
      codingHours: 5,
      reviewHours: 6,
      mergeRate: 0.92,
      releaseBranchShare: 0,
      schedule: { kind: "per-merge" },
      promotionHours: 0,
      deployMinutes: 3,
      deployFailureRate: 0.03,
      incidentRate: 0.03,
      restoreHours: 1.5,
      hotfixHours: 1,
      ciFailureRate: 0.08,
      ciMinutes: 5,
      onboardingDays: 3,
    },
    repositories: [
      {
        slug: "storefront-web",
        createdDaysAgo: 2120,
        prShare: 0.55,
        environments: prodOnly,
        previews: true,
        kind: "web",
      },
      {
        slug: "marketing-site",
        createdDaysAgo: 1610,
        prShare: 0.25,
        environments: prodOnly,
        previews: true,
        kind: "web",
      },
      { slug: "design-system", createdDaysAgo: 1290, prShare: 0.2, environments: [], kind: "library" },
    ],
  },
  {
    id: "platform",
    name: "Platform",
    members: 5,
    newcomers: 1,
    workStartHourUtc: 8,
    style: "platform",
    dependencyBot: "renovate[bot]",
    incidentSource: "pagerduty",
    performance: {
      prsPerWeek: 8,
      codingHours: 6,
      reviewHours: 10,
      mergeRate: 0.94,
      releaseBranchShare: 0,
      schedule: { kind: "per-merge" },
      promotionHours: 0.5,
      deployMinutes: 10,
      deployFailureRate: 0.05,
      incidentRate: 0.03,
      restoreHours: 5,
      hotfixHours: 2,
      ciFailureRate: 0.08,
      ciMinutes: 8,
      onboardingDays: 5,
    },
    repositories: [
      {
        slug: TEMPLATE_SLUG,
        createdDaysAgo: 1520,
        prShare: 0.15,
        environments: [],
        isTemplate: true,
        kind: "template",
      },
      { slug: "platform-infra", createdDaysAgo: 2400, prShare: 0.35, environments: prodOnly, kind: "infra" },
      { slug: "ci-templates", createdDaysAgo: 1210, prShare: 0.2, environments: [], kind: "ci-templates" },
      { slug: "developer-portal", createdDaysAgo: 1000, prShare: 0.3, environments: stagedProd, kind: "portal" },
    ],
  },
];
