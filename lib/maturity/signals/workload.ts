/**
 * Signals of what runs and where: managed platforms already in use, and the
 * workload shapes that choose among Vercel, Railway and Fly.io.
 */
import { workflowPlatforms } from "./delivery";
import { baseName, isGithubWorkflow, packageDependencies, parseJsonObject } from "./paths";
import type { FileDetector, FileSignal } from "./types";

/** A platform's own configuration file, in any folder of a monorepo (`apps/checker/fly.toml`). */
const MANAGED_FILES: [RegExp, string][] = [
  [/^(.*\/)?vercel\.json$|^(.*\/)?\.vercel\/project\.json$/, "Vercel"],
  [/^(.*\/)?fly\.toml$/, "Fly.io"],
  [/^(.*\/)?railway\.(json|toml)$/, "Railway"],
  [/^(.*\/)?render\.ya?ml$/, "Render"],
  [/^(.*\/)?netlify\.toml$/, "Netlify"],
  [/^(.*\/)?Procfile$|^(.*\/)?heroku\.yml$/, "Heroku"],
];

/** A railway.json with text must be Railway's configuration (its schema, or build/deploy settings), not data named so. */
function isRailwayConfig(content: string | undefined): boolean {
  if (content === undefined) return true;
  const json = parseJsonObject(content);
  if (json === null) return false;
  return (typeof json.$schema === "string" && json.$schema.includes("railway")) || "build" in json || "deploy" in json;
}

const managedPlatform: FileDetector = (file, path) => {
  if (isGithubWorkflow(path)) {
    const platforms = file.content === undefined ? [] : workflowPlatforms(file.content);
    return platforms[0] ?? null;
  }
  const platform = MANAGED_FILES.find(([re]) => re.test(path))?.[1] ?? null;
  if (platform === "Railway" && path.endsWith(".json") && !isRailwayConfig(file.content)) return null;
  return platform;
};

const nextjs: FileDetector = (file, path) => {
  const name = baseName(path);
  if (/^next\.config\.(js|mjs|cjs|ts)$/.test(name)) return "Next.js";
  if (name === "package.json" && packageDependencies(file.content).includes("next")) return "Next.js";
  return null;
};

const container: FileDetector = (_file, path) => {
  const name = baseName(path);
  if (/\.(md|markdown|txt|rst|adoc)$/i.test(name)) return null;
  return /^(Dockerfile|Containerfile)$/.test(name) || /^Dockerfile\.[\w.-]+$/.test(name) || /\.Dockerfile$/.test(name)
    ? "container image"
    : null;
};

// `image: postgres:16`, `image: bitnami/redis`, or an image from a variable named for it (`${POSTGRES_IMAGE}`).
const COMPOSE_DATABASE =
  /^\s+image:\s*["']?(?:(?:[\w.-]+\/)*(postgres(?:ql)?|mysql|mariadb|mongo(?:db)?|redis|valkey|clickhouse(?:-server)?)[:@"'\s]|\$\{(POSTGRES(?:QL)?|MYSQL|MARIADB|MONGO(?:DB)?|REDIS|VALKEY|CLICKHOUSE)[\w]*\})/m;
const TERRAFORM_DATABASE =
  /\b(aws_db_instance|aws_rds_cluster|aws_elasticache_(?:cluster|replication_group)|aws_dynamodb_table|google_sql_database_instance|google_redis_instance|google_alloydb_cluster|azurerm_(postgresql|mysql|redis|cosmosdb)_[\w]+)\b|modules\/+(postgres|rds|mysql|redis)\b/;
const CLIENT_FILE = /^(postgres|postgresql|mysql|mongo|mongodb|redis)\.(go|ts|js|py|java|kt|rb|rs)$/;

const database: FileDetector = (file, path) => {
  const name = baseName(path);
  const content = file.content ?? "";
  if (/^(docker-)?compose([.-][\w-]+)?\.ya?ml$/.test(name)) {
    const m = COMPOSE_DATABASE.exec(content);
    return m ? `${(m[1] ?? m[2]!).toLowerCase()} in ${name}` : null;
  }
  if (name === "schema.prisma") return "Prisma schema";
  if (/^drizzle\.config\.(ts|js|mjs)$/.test(name)) return "Drizzle";
  if (name === "alembic.ini") return "Alembic migrations";
  if (/(^|\/)migrations\/[^/]+\.sql$/.test(path)) return "SQL migrations";
  if (/(^|\/)db\/migrate\/[^/]+\.rb$/.test(path)) return "Rails migrations";
  if (/(^|\/)priv\/repo\/migrations\/[^/]+\.exs$/.test(path) && !name.startsWith(".")) return "Ecto migrations";
  if (/\.(tf|hcl)$/.test(name) && TERRAFORM_DATABASE.test(content)) return "managed database (Terraform)";
  const client = CLIENT_FILE.exec(name);
  return client ? `${client[1]} client` : null;
};

const vercelRegions: FileDetector = (file, path) => {
  if (baseName(path) !== "vercel.json") return null;
  const regions = parseJsonObject(file.content)?.regions;
  return Array.isArray(regions) && regions.length >= 2 ? `Vercel regions ${regions.join(", ")}` : null;
};

/** The workload signals. */
export const WORKLOAD_SIGNALS: FileSignal[] = [
  { id: "managed-platform", detect: managedPlatform },
  { id: "nextjs", detect: nextjs },
  { id: "container", detect: container },
  { id: "database", detect: database },
  { id: "multi-region", detect: vercelRegions },
];
