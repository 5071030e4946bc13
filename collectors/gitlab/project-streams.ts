import type { Author } from "../github/map-people";
import type { GitlabConfig } from "./config";
import { type GitlabProject, mapMergeRequest } from "./map";
import { mapIssueNode, mapPipelineNode, mapReleaseNode } from "./map-graphql";
import type { Connection, ProjectPayload } from "./queries";
import { newest, passDone, passDoneBefore, type StreamName, type StreamState } from "./streams";

/** A stream read through the project query, with what its key depends on. */
export interface GraphqlStream {
  name: Extract<StreamName, "merge_requests" | "pipelines" | "incidents" | "incident_labels" | "releases">;
  key: string;
  /** Incidents: the team of the project's group. */
  teamId?: string | null;
}

/** What one page of a GraphQL stream gave. */
export interface GraphqlPage {
  records: object[];
  authors?: (Author | null)[];
  count: number;
  total?: number;
  state: StreamState;
  done: boolean;
}

/** The project query's variables: a page of each open stream, from its cursor and watermark. */
export function variables(
  project: GitlabProject,
  open: GraphqlStream[],
  states: Map<GraphqlStream, StreamState>,
  since: string | null,
  config: GitlabConfig,
): Record<string, unknown> {
  const of = (name: GraphqlStream["name"]) => {
    const s = open.find((x) => x.name === name);
    return s ? states.get(s)! : null;
  };
  const mr = of("merge_requests"),
    pipelines = of("pipelines"),
    incidents = of("incidents"),
    labelled = of("incident_labels"),
    releases = of("releases");
  return {
    fullPath: project.path_with_namespace,
    withMergeRequests: mr !== null,
    mergeRequestsAfter: mr?.cursor ?? null,
    mergeRequestsSince: mr ? (mr.watermark ?? since) : null,
    withPipelines: pipelines !== null,
    pipelinesAfter: pipelines?.cursor ?? null,
    pipelinesSince: pipelines ? (pipelines.watermark ?? since) : null,
    ref: project.default_branch ?? null,
    withIncidents: incidents !== null,
    incidentsAfter: incidents?.cursor ?? null,
    incidentsSince: incidents ? (incidents.watermark ?? since) : null,
    withLabelled: labelled !== null,
    labelledAfter: labelled?.cursor ?? null,
    labelledSince: labelled ? (labelled.watermark ?? since) : null,
    incidentLabels: config.incidentLabels,
    withReleases: releases !== null,
    releasesAfter: releases?.cursor ?? null,
  };
}

const nodesOf = <T>(c: Connection<T> | null | undefined): T[] => (c?.nodes ?? []).filter((n): n is T => n !== null);
const keepHigh = (state: StreamState, high: string | null) => newest([state.high, high].filter((t) => t !== null));

/** Reads the page of one stream from a project answer and maps it to event-format records. */
export function readGraphqlPage(
  stream: GraphqlStream,
  project: ProjectPayload,
  state: StreamState,
  since: string | null,
  ctx: { config: GitlabConfig; project: GitlabProject },
): GraphqlPage {
  const id = ctx.project.path_with_namespace;
  const step = <T>(
    c: Connection<T> | null | undefined,
    records: object[],
    high: string | null,
    finish: (s: StreamState, h: string | null) => StreamState = passDone,
    stop = false,
  ): GraphqlPage => {
    const done = stop || !c || !c.pageInfo.hasNextPage;
    return {
      records,
      count: records.length,
      total: state.watermark === null && !state.cursor && c?.count ? c.count : undefined,
      done,
      state: done ? finish(state, high) : { ...state, cursor: c!.pageInfo.endCursor, high: keepHigh(state, high) },
    };
  };
  switch (stream.name) {
    case "merge_requests": {
      const nodes = nodesOf(project.mergeRequests);
      const mapped = nodes.map((n) => mapMergeRequest(id, n));
      const page = step(
        project.mergeRequests,
        mapped.map((m) => m.record),
        newest(nodes.map((n) => n.updatedAt)),
      );
      return { ...page, authors: mapped.map((m) => m.author) };
    }
    case "pipelines": {
      const nodes = nodesOf(project.pipelines);
      const records = nodes.map((n) => mapPipelineNode(id, ctx.config.url, n)).filter((r) => r !== null);
      return step(project.pipelines, records, newest(nodes.map((n) => n.updatedAt)), passDoneBefore);
    }
    case "incidents":
    case "incident_labels": {
      const c = stream.name === "incidents" ? project.incidents : project.labelled;
      const nodes = nodesOf(c);
      return step(
        c,
        nodes.map((n) => mapIssueNode(id, stream.teamId ?? null, n)),
        newest(nodes.map((n) => n.updatedAt)),
      );
    }
    case "releases": {
      // Newest first: the pass stops at the first release older than its bound.
      const bound = state.watermark ?? since;
      const nodes = nodesOf(project.releases);
      const fresh = nodes.filter((n) => {
        const at = n.releasedAt ?? n.createdAt;
        return at !== null && (bound === null || Date.parse(at) >= Date.parse(bound));
      });
      const records = fresh.map((n) => mapReleaseNode(id, n)).filter((r) => r !== null);
      return step(
        project.releases,
        records,
        newest(fresh.flatMap((n) => n.releasedAt ?? n.createdAt ?? [])),
        passDone,
        fresh.length < nodes.length,
      );
    }
  }
}
