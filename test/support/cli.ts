import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { inject } from "vitest";

declare module "vitest" {
  interface ProvidedContext {
    /** vitest.config.ts: the one time limit, against a hang. */
    hangGuardMs: number;
  }
}

const BIN = fileURLToPath(new URL("../../lib/cli/bin.mjs", import.meta.url));

/** What a run of the real `altimeter` command printed and returned. */
export interface CliResult {
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs `altimeter ARGS` as a child process against the database `db`. */
export function altimeter(args: string[], options: { db: string; input?: string } = { db: "" }): CliResult {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    encoding: "utf8",
    input: options.input,
    env: { ...process.env, ALTIMETER_DB: options.db, NEXT_TELEMETRY_DISABLED: "1" },
    // spawnSync blocks vitest's own guard, so the child carries it.
    timeout: inject("hangGuardMs"),
  });
  const killed = result.signal ? `\n[test] altimeter was killed by ${result.signal}: it hung past the hang guard` : "";
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr + killed };
}
