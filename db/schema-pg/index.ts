// The PostgreSQL schema: the same tables, columns, keys and indexes as
// db/schema (SQLite), stored the same way (test/db/schema-parity.test.ts).
export * from "./workspaces";
export * from "./teams";
export * from "./repositories";
export * from "./people";
export * from "./commits";
export * from "./pull-requests";
export * from "./deployments";
export * from "./ci-runs";
export * from "./incidents";
export * from "./repository-files";
export * from "./sync";
export * from "./assessments";
export * from "./digests";
export * from "./change-links";
export * from "./identities";
export * from "./collected-records";
export * from "./auth";
export * from "./metric-reports";
export * from "./metric-snapshots";
