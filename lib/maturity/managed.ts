/**
 * Which managed platform fits a scope's workload: Vercel for Next.js front
 * ends, Railway for containerised services with databases, Fly.io for
 * latency-sensitive global or multi-region services.
 */
import { answered, questionText, type Situation } from "./situation";
import { evidenceText, hitsOf } from "./signals";
import type { ManagedChoice } from "./types";

const first = (hits: ReturnType<typeof hitsOf>) => (hits[0] ? ` (${evidenceText(hits[0])})` : "");

/** The providers for a scope's workload, why, and the constraints its requirements put on them; unknowns are appended to `unknowns`. */
export function chooseManagedPlatform(s: Situation, unknowns: string[]): ManagedChoice {
  const frontEnd = hitsOf(s.hits, ["nextjs"]);
  const containers = hitsOf(s.hits, ["container"]);
  const databases = hitsOf(s.hits, ["database"]);
  const stateful = hitsOf(s.hits, ["stateful-workload"]);
  const regions = hitsOf(s.hits, ["multi-region"]).filter((h) => !h.detail.startsWith("Vercel regions"));
  const onFly = hitsOf(s.hits, ["managed-platform"]).filter((h) => h.detail === "Fly.io");
  const global = answered(s, "globalLatency");
  const statefulAnswer = answered(s, "statefulWorkloads");
  const residency = answered(s, "dataResidency");

  const providers: string[] = [];
  const reasons: string[] = [];
  const constraints: string[] = [];
  const services =
    containers.length > 0 || databases.length > 0 || stateful.length > 0 || statefulAnswer?.value === true;
  const isGlobal = global?.value === true || (global?.value !== false && (regions.length > 0 || onFly.length > 0));

  if (frontEnd.length > 0) {
    providers.push("Vercel");
    reasons.push(`Next.js front end${first(frontEnd)}: Vercel builds, previews and serves it from its edge network`);
  }
  if (services || (isGlobal && frontEnd.length === 0)) {
    if (isGlobal) {
      providers.push("Fly.io");
      reasons.push(
        `Latency-sensitive users in several regions${global?.value === true ? ` (${global.evidence})` : first([...regions, ...onFly])}: Fly.io runs containers close to them`,
      );
    } else {
      providers.push("Railway");
      const what = [
        containers.length ? "containerised services" : "",
        databases.length || statefulAnswer?.value === true ? "databases or stateful work" : "",
      ]
        .filter(Boolean)
        .join(" with ");
      reasons.push(
        `${what[0]!.toUpperCase()}${what.slice(1)}${first([...containers, ...databases])}: Railway runs containers next to managed databases`,
      );
    }
  }
  if (providers.length === 0) {
    // Missing data is never a choice: no provider is named without a workload to fit it to.
    reasons.push(
      "Not enough data to choose a provider: the repositories show no Next.js front end, container or database; answer the questionnaire or collect repository files",
    );
    unknowns.push("workload: no Next.js, container or database signals in the repositories to choose a provider from");
  }
  if (!global) unknowns.push(`unanswered: ${questionText("globalLatency")}`);
  if (!statefulAnswer && stateful.length === 0) unknowns.push(`unanswered: ${questionText("statefulWorkloads")}`);
  if (providers.includes("Vercel") && (stateful.length > 0 || statefulAnswer?.value === true)) {
    constraints.push("Vercel runs the front end only: long-running and stateful work goes to Railway or Fly.io");
  }
  if (residency?.value === true) {
    constraints.push(
      `Data residency (${residency.evidence}): pin every service and database to regions inside the required jurisdiction (Railway service regions, Fly.io primary_region, Vercel function regions) and sign the provider's data processing agreement`,
    );
  }
  return { providers, reasons, constraints };
}
