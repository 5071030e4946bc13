import type { SourceConfig, SourceKind } from "./config";
import { gitCollector } from "./git";
import { githubCollector } from "./github";
import { gitlabCollector } from "./gitlab";
import { jiraCollector } from "./jira";
import { opsgenieCollector } from "./opsgenie";
import { pagerdutyCollector } from "./pagerduty";
import type { Collector, CollectorContext, CollectorResult } from "./types";

/** Every collector, by the `kind` of its config entries. */
export const COLLECTORS: { [K in SourceKind]: Collector<Extract<SourceConfig, { kind: K }>> } = {
  github: githubCollector,
  gitlab: gitlabCollector,
  jira: jiraCollector,
  git: gitCollector,
  pagerduty: pagerdutyCollector,
  opsgenie: opsgenieCollector,
};

/** Runs the collector a configured source names. */
export function runCollector(ctx: CollectorContext, source: SourceConfig): Promise<CollectorResult> {
  const collector = COLLECTORS[source.kind] as Collector<SourceConfig>;
  return collector.collect(ctx, source);
}
