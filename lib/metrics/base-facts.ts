import type { DeploymentRow, MetricsData, MetricsSettings, RepositoryRow } from "./types";

/**
 * The facts computed before attribution and linking: what attribution,
 * change linking, rework and recovery read. Its own module, below them and
 * below facts.ts, so that the modules facts.ts calls do not import it back.
 */
export interface BaseFacts {
  data: MetricsData;
  settings: MetricsSettings;
  repositoryById: Map<string, RepositoryRow>;
  deploymentById: Map<string, DeploymentRow>;
  /** Successful production deployments of each repository id, by finishedAt then id. */
  productionSuccessByRepository: Map<string, DeploymentRow[]>;
  isProduction: (environment: string) => boolean;
}
