import { z } from "zod";
import { issueIncidentId } from "./ids";

/** An issue carrying one of the incident labels. */
export const IssueNodeSchema = z.object({
  number: z.number().int(),
  title: z.string(),
  state: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  closedAt: z.string().nullable(),
  url: z.string(),
  labels: z.object({ nodes: z.array(z.object({ name: z.string() }).nullable()).nullable() }).nullable(),
});

export type IssueNode = z.infer<typeof IssueNodeSchema>;

/** Labels such as `sev1`, `SEV-2`, `severity:3` or `P1` give the severity. */
const SEVERITY = /^(sev(erity)?[-_: ]?\d|p\d)$/i;

/** The `incident` record of an issue: opened when created, resolved when closed (a reopened issue is open again). */
export function mapIncident(repositoryId: string, node: IssueNode): object {
  const labels = (node.labels?.nodes ?? []).flatMap((l) => (l ? [l.name] : []));
  return {
    type: "incident",
    id: issueIncidentId(repositoryId, node.number),
    openedAt: node.createdAt,
    title: node.title,
    severity: labels.find((l) => SEVERITY.test(l)) ?? null,
    resolvedAt: node.state === "CLOSED" ? node.closedAt : null,
    repositoryId,
    source: "github",
    url: node.url,
  };
}
