import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const BIN = fileURLToPath(new URL("../../../lib/cli/bin.mjs", import.meta.url));

/** Variables a developer's shell may hold that would steer a digest or report elsewhere; tests set what they need. */
const STEERING = [
  "ALTIMETER_PUBLIC_URL",
  "ALTIMETER_SMTP_URL",
  "SMTP_HOST",
  "SMTP_PORT",
  "SMTP_USER",
  "SMTP_PASSWORD",
  "SMTP_FROM",
  "ALTIMETER_CONFIG",
  "ALTIMETER_SLACK_WEBHOOK_URL",
  "ALTIMETER_CHROMIUM",
];

/** This process's environment without the steering variables. */
export function neutralEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of STEERING) delete env[name];
  return env;
}

/**
 * Runs the real `altimeter` command without blocking this process, so the
 * test's own SMTP and HTTP servers can answer it.
 */
export function runCli(
  args: string[],
  options: { db: string; env?: Record<string, string>; cwd?: string },
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: options.cwd,
      env: { ...neutralEnv(), ALTIMETER_DB: options.db, NEXT_TELEMETRY_DISABLED: "1", ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "",
      stderr = "";
    child.stdout.setEncoding("utf8").on("data", (c: string) => (stdout += c));
    child.stderr.setEncoding("utf8").on("data", (c: string) => (stderr += c));
    // No kill timer: a slow child on a loaded machine is waited for (vitest's hang guard stops a real hang).
    child.once("error", reject);
    child.once("close", (status) => {
      resolve({ status, stdout, stderr });
    });
  });
}
