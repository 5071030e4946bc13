import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

const BIN = fileURLToPath(new URL("../../../lib/cli/bin.mjs", import.meta.url));

/** A running `altimeter` child process whose output is collected as it comes. */
export interface RunningCli {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /** Resolves when it exits: its status (null when killed) and signal. */
  exited: Promise<{ status: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves once stdout matches; rejects if the child exits without printing it. No clock involved. */
  waitFor: (pattern: RegExp) => Promise<void>;
}

/**
 * Starts the real `altimeter` command without blocking this process, so the
 * test's own servers (PagerDuty, Opsgenie fakes) can answer it.
 */
export function startAltimeter(
  args: string[],
  options: { db: string; env?: Record<string, string>; cwd?: string },
): RunningCli {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: options.cwd,
    env: { ...process.env, ALTIMETER_DB: options.db, NEXT_TELEMETRY_DISABLED: "1", ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout!.setEncoding("utf8").on("data", (c: string) => (out += c));
  child.stderr!.setEncoding("utf8").on("data", (c: string) => (err += c));
  const exited = new Promise<{ status: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("close", (status, signal) => resolve({ status, signal })),
  );
  const waitFor = (pattern: RegExp) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (!pattern.test(out)) return;
        child.stdout!.off("data", check);
        resolve();
      };
      child.stdout!.on("data", check);
      // "close" fires after the last data event, so output printed just before exiting still counts.
      void exited.then(() =>
        pattern.test(out) ? resolve() : reject(new Error(`no ${pattern} in output:\n${out}\n${err}`)),
      );
      check();
    });
  return { child, stdout: () => out, stderr: () => err, exited, waitFor };
}

/** Runs `altimeter` to completion without blocking the event loop. */
export async function runAltimeter(
  args: string[],
  options: { db: string; env?: Record<string, string>; cwd?: string },
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const run = startAltimeter(args, options);
  const { status } = await run.exited;
  return { status, stdout: run.stdout(), stderr: run.stderr() };
}
