import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

const BIN = fileURLToPath(new URL("../../../../lib/cli/bin.mjs", import.meta.url));

/** How a run of the real `altimeter` command ended. */
export interface AsyncCliResult {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `altimeter ARGS` as a child process without blocking this process, so
 * a server the test runs (the fake GitHub) can answer it. `started` hands the
 * child over, to kill it mid-run.
 */
export function altimeterAsync(
  args: string[],
  options: { db: string; env?: Record<string, string>; started?: (child: ChildProcess) => void },
): Promise<AsyncCliResult> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ALTIMETER_DB: options.db,
    NEXT_TELEMETRY_DISABLED: "1",
    ...options.env,
  };
  delete env.GITHUB_TOKEN;
  if (options.env?.GITHUB_TOKEN) env.GITHUB_TOKEN = options.env.GITHUB_TOKEN;
  const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
  options.started?.(child);
  let stdout = "",
    stderr = "";
  child.stdout!.setEncoding("utf8").on("data", (c: string) => (stdout += c));
  child.stderr!.setEncoding("utf8").on("data", (c: string) => (stderr += c));
  // No kill timer: a slow child on a loaded machine is waited for (vitest's hang guard stops a real hang).
  return new Promise((resolve) => {
    child.on("close", (status, signal) => {
      resolve({ status, signal, stdout, stderr });
    });
  });
}
