/**
 * The layers of spec "One-way layers" (README, Layout), checked by `npm run lint`:
 *
 *   collectors/ → db/ ← lib/queries ← lib/service ← app/, lib/cli
 *                        lib/metrics, lib/maturity: pure, called by lib/service
 *
 * Each rule names the layer it protects; `depcruise` fails on any violation.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "A cycle ties modules together so that neither can change alone; break it with a shared lower module.",
      from: {},
      to: { circular: true },
    },
    {
      name: "driver-only-in-store",
      severity: "error",
      comment:
        "Only db/ and lib/queries know the driver and drizzle's SQL, so a second store can join without touching callers.",
      from: { pathNot: "^(db|lib/queries)/" },
      to: { path: "(^|/)node_modules/(better-sqlite3|drizzle-orm)/" },
    },
    {
      name: "engines-are-pure",
      severity: "error",
      comment:
        "lib/metrics and lib/maturity are pure functions over plain rows: no store, service, app, CLI or collector.",
      from: { path: "^lib/(metrics|maturity)/" },
      to: { path: "^(db|lib/queries|lib/service|lib/cli|lib/digest|lib/report|app|collectors)/" },
    },
    {
      name: "edges-go-through-service",
      severity: "error",
      comment:
        "The pages, the API and the CLI read the store through lib/service (opening a connection, db/client, is theirs).",
      from: { path: "^(app|lib/cli)/" },
      to: { path: "^(lib/queries|db/schema)/" },
    },
    {
      name: "store-does-not-look-up",
      severity: "error",
      comment: "db/ and lib/queries sit below everything that uses them.",
      from: { path: "^(db|lib/queries)/" },
      to: { path: "^(lib/service|lib/cli|lib/digest|lib/report|app|collectors)/" },
    },
    {
      name: "service-is-not-below-its-users",
      severity: "error",
      comment:
        "lib/service is called by the edges and by nothing they call: the digest and report render what it gives them.",
      from: { path: "^(lib/digest|lib/metrics|lib/maturity|lib/queries|lib/import|lib/events|collectors)/" },
      to: { path: "^(lib/service|lib/cli|app)/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(\\.next|test)/" },
    tsConfig: { fileName: "tsconfig.json" },
    tsPreCompilationDeps: true,
    combinedDependencies: false,
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".tsx", ".js", ".mjs", ".cjs", ".json"],
    },
  },
};
