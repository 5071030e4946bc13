/**
 * The questionnaire of rubric version 1: what repository data cannot show.
 * A consultant fills it in during an interview, for the organisation or for one
 * team; a team's own answers override the organisation's.
 */

/** How a question is answered. */
export type QuestionKind =
  | { type: "yes-no" }
  | { type: "choice"; options: readonly { value: string; label: string }[] }
  | { type: "number"; min: number; max: number; unit: string };

/** The groups the form shows, in order. */
export const QUESTION_GROUPS = [
  { id: "fit", title: "Organisation fit" },
  { id: "requirements", title: "Requirements a managed platform may not meet" },
  { id: "platform", title: "Platform team (CNCF platform maturity model)" },
  { id: "rubric", title: "Practices the repositories cannot show" },
] as const;

export type QuestionGroup = (typeof QUESTION_GROUPS)[number]["id"];

/** One question. */
export interface Question {
  id: string;
  group: QuestionGroup;
  text: string;
  help?: string;
  kind: QuestionKind;
}

const yesNo = { type: "yes-no" } as const;
const choice = (...options: [string, string][]) =>
  ({ type: "choice", options: options.map(([value, label]) => ({ value, label })) }) as const;

/** Every question, in the order the form shows them. */
export const QUESTIONS = [
  {
    id: "developers",
    group: "fit",
    text: "How many developers write and ship code?",
    help: "Without an answer, Altimeter counts distinct commit and pull request authors of the last 90 days.",
    kind: { type: "number", min: 1, max: 100_000, unit: "developers" },
  },
  {
    id: "infraTimeShare",
    group: "fit",
    text: "What share of developer time goes to infrastructure, pipelines and environments?",
    kind: { type: "number", min: 0, max: 100, unit: "%" },
  },
  {
    id: "onboardingTime",
    group: "fit",
    text: "How long until a new developer ships a change to production?",
    kind: choice(["days", "Days"], ["one-week", "About a week"], ["weeks", "Several weeks"], ["months", "Months"]),
  },
  {
    id: "toolDivergence",
    group: "fit",
    text: "Do teams use different tools and patterns for the same job (build, deploy, infrastructure)?",
    kind: yesNo,
  },
  {
    id: "misconfigurationFailures",
    group: "fit",
    text: "Do deployment failures often come from misconfiguration (environments, secrets, drift)?",
    kind: yesNo,
  },
  { id: "onePersonDevOps", group: "fit", text: "Could one person manage all of your DevOps work?", kind: yesNo },
  {
    id: "managedPlatform",
    group: "fit",
    text: "Which managed platform do you already deploy to?",
    kind: choice(
      ["none", "None"],
      ["vercel", "Vercel"],
      ["railway", "Railway"],
      ["fly", "Fly.io"],
      ["render", "Render"],
      ["netlify", "Netlify"],
      ["heroku", "Heroku"],
      ["other", "Another one"],
    ),
  },
  {
    id: "simpleInfrastructure",
    group: "fit",
    text: "Is your infrastructure simple and stable (few services, rarely changed)?",
    kind: yesNo,
  },
  {
    id: "dataResidency",
    group: "requirements",
    text: "Must data stay in a given country or region (data residency)?",
    kind: yesNo,
  },
  {
    id: "complianceCertification",
    group: "requirements",
    text: "Do you need compliance no managed provider offers (single-tenant hosting, FedRAMP, on-premises audits)?",
    kind: yesNo,
  },
  {
    id: "statefulWorkloads",
    group: "requirements",
    text: "Do you run long-running or stateful workloads (workers, queues, streams, self-managed databases)?",
    kind: yesNo,
  },
  { id: "gpu", group: "requirements", text: "Do you need GPUs?", kind: yesNo },
  {
    id: "customNetworking",
    group: "requirements",
    text: "Do you need custom networking (VPC peering, private links to on-premises, a service mesh)?",
    kind: yesNo,
  },
  {
    id: "costAtScale",
    group: "requirements",
    text: "Is hosting cost at your scale a concern (large, steady compute)?",
    kind: yesNo,
  },
  {
    id: "globalLatency",
    group: "requirements",
    text: "Do you serve latency-sensitive users around the world (several regions)?",
    kind: yesNo,
  },
  {
    id: "platformInvestment",
    group: "platform",
    text: "Investment: who builds the shared platform?",
    kind: choice(
      ["none", "Nobody in particular"],
      ["volunteers", "Volunteers, alongside their work"],
      ["dedicated-team", "A dedicated team"],
      ["product-team", "A team running it as a product"],
    ),
  },
  {
    id: "platformAdoption",
    group: "platform",
    text: "Adoption: why do teams use the platform?",
    kind: choice(
      ["erratic", "Erratic, some teams do"],
      ["extrinsic-push", "They are told to"],
      ["intrinsic-pull", "They choose it for its value"],
      ["participatory", "They contribute to it"],
    ),
  },
  {
    id: "platformInterfaces",
    group: "platform",
    text: "Interfaces: how do teams get what they need?",
    kind: choice(
      ["custom-processes", "Tickets and custom processes"],
      ["standard-tooling", "Standard tools and docs"],
      ["self-service", "Self-service"],
      ["integrated", "Integrated services"],
    ),
  },
  {
    id: "platformOperations",
    group: "platform",
    text: "Operations: how are platform capabilities run?",
    kind: choice(
      ["by-request", "By request"],
      ["centrally-tracked", "Centrally tracked"],
      ["centrally-enabled", "Centrally enabled"],
      ["managed-services", "As managed services"],
    ),
  },
  {
    id: "platformMeasurement",
    group: "platform",
    text: "Measurement: how is the platform's success measured?",
    kind: choice(
      ["ad-hoc", "Ad hoc"],
      ["consistent-collection", "Consistent collection"],
      ["insights", "Insights that drive decisions"],
      ["quantitative-qualitative", "Quantitative and qualitative, continuously"],
    ),
  },
  {
    id: "sharedDeployKnowledge",
    group: "rubric",
    text: "Can more than one person deploy and roll back by following written steps?",
    kind: yesNo,
  },
  {
    id: "templatesMaintained",
    group: "rubric",
    text: "Does someone own the templates new services start from and keep them current?",
    kind: yesNo,
  },
  {
    id: "selfServiceNoTickets",
    group: "rubric",
    text: "Can a developer create a new service and its infrastructure without filing a ticket?",
    kind: yesNo,
  },
  {
    id: "automatedRollback",
    group: "rubric",
    text: "Are failing deployments rolled back (or healed) without a person stepping in?",
    kind: yesNo,
  },
] as const satisfies readonly Question[];

/** The id of a question of rubric version 1. */
export type QuestionId = (typeof QUESTIONS)[number]["id"];

/** A stored answer: a boolean for yes/no, a number, or a choice's value. */
export type AnswerValue = boolean | number | string;

/** Answers by question id, as stored in `questionnaire_answers.answers`. */
export type Answers = Partial<Record<QuestionId, AnswerValue>>;

const BY_ID = new Map<string, Question>(QUESTIONS.map((q) => [q.id, q]));

/** The question with this id, or undefined. */
export function findQuestion(id: string): Question | undefined {
  return BY_ID.get(id);
}

/** An answer as people read it: "yes", "Several weeks", "60 developers". */
export function describeAnswer(id: QuestionId, value: AnswerValue): string {
  const q = BY_ID.get(id)!;
  if (q.kind.type === "yes-no") return value === true ? "yes" : "no";
  if (q.kind.type === "number") return `${value}${q.kind.unit === "%" ? "%" : ` ${q.kind.unit}`}`;
  return q.kind.options.find((o) => o.value === value)?.label ?? String(value);
}
