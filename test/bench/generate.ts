/**
 * The benchmark workspace generator: a large, realistic organisation over
 * ~2 years ending at `end`, emitted record by record to a sink. Deterministic:
 * the same seed, scale and end always emit the same records in the same order,
 * whichever sink receives them (so the NDJSON file and the raw baseline hold
 * identical rows).
 */
import { emitRepositoryActivity, type IdCounters } from "./activity";
import { buildOrg, shapeAt, type WorkspaceShape } from "./org";
import { apportion, Rng } from "./random";
import { emptyCounts, type BenchRecordType, type RecordCounts, type RecordSink, type RecordValues } from "./records";

export { shapeAt, type WorkspaceShape };

export interface GenerateOptions {
  seed: number;
  scale: number;
  /** The last moment of the data (UTC ms); history runs `shape.days` back from it. */
  end: number;
  /** Called after each repository with the records emitted so far. */
  onProgress?: (records: number) => void;
}

/** Records the workspace will hold, per type, at a scale. */
export function expectedCounts(shape: WorkspaceShape): RecordCounts {
  return {
    team: shape.teams,
    repository: shape.repositories,
    person: shape.people,
    commit: shape.commits,
    pull_request: shape.pullRequests,
    deployment: shape.deployments,
    ci_run: shape.ciRuns,
    incident: shape.incidents,
  };
}

/** Emits the whole workspace to `sink`; returns the records emitted per type. */
export function generateWorkspace(options: GenerateOptions, sink: RecordSink): RecordCounts {
  const shape = shapeAt(options.scale);
  const counts = emptyCounts();
  let total = 0;
  const counting: RecordSink = {
    write(type: BenchRecordType, values: RecordValues) {
      counts[type]++;
      total++;
      sink.write(type, values);
    },
  };
  const root = new Rng(options.seed);
  const org = buildOrg(root.fork(1), shape, options.end, counting);
  const weights = org.repositories.map((r) => r.weight);
  // Deployments and incidents follow activity less steeply than commits (small services deploy too); templates never deploy.
  const flatter = org.repositories.map((r) => (r.isTemplate ? 0 : Math.sqrt(r.weight)));
  const perRepository = {
    commits: apportion(shape.commits, weights),
    pullRequests: apportion(shape.pullRequests, weights),
    deployments: apportion(shape.deployments, flatter),
    ciRuns: apportion(shape.ciRuns, weights),
    incidents: apportion(shape.incidents, flatter),
  };
  const ids: IdCounters = { deployment: 0, ciRun: 0, incident: 0 };
  org.repositories.forEach((repo, i) => {
    const activity = {
      commits: perRepository.commits[i]!,
      pullRequests: perRepository.pullRequests[i]!,
      deployments: perRepository.deployments[i]!,
      ciRuns: perRepository.ciRuns[i]!,
      incidents: perRepository.incidents[i]!,
    };
    // Each repository draws from its own stream, so one repository's shape never reshuffles another's.
    emitRepositoryActivity(new Rng(options.seed, 1_000 + i), org, repo, activity, ids, counting);
    options.onProgress?.(total);
  });
  return counts;
}
