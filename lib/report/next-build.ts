import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { UnavailableError } from "@/lib/errors";

const LOCK_WAIT_MS = 15 * 60_000;
const BUILD_TIMEOUT_MS = 10 * 60_000;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * One `next build` of a checkout at a time, across processes (`altimeter
 * report`, the e2e tests' global setup, the dashboard benchmark): a lock
 * directory per checkout in the temp dir, so no build writes into a .next
 * another is writing. A lock left by a dead process is taken over.
 */
export async function withBuildLock<T>(appDir: string, work: () => Promise<T>): Promise<T> {
  const lock = path.join(
    tmpdir(),
    `altimeter-next-build-${createHash("sha1").update(appDir).digest("hex").slice(0, 12)}.lock`,
  );
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(path.join(lock, "pid"), String(process.pid));
      break;
    } catch {
      let holder = NaN;
      try {
        holder = Number(readFileSync(path.join(lock, "pid"), "utf8"));
      } catch {
        // Being created right now: wait.
      }
      if (Number.isInteger(holder) && !alive(holder)) rmSync(lock, { recursive: true, force: true });
      else if (Date.now() > deadline) throw new Error(`another next build of ${appDir} held ${lock} for 15 minutes`);
      else await new Promise((r) => setTimeout(r, 1000));
    }
  }
  try {
    return await work();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** Runs `next build` in `appDir` (take the lock first); a failure throws with the end of its output (type errors, usually). */
export function nextBuild(appDir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const bin = path.join(appDir, "node_modules/next/dist/bin/next");
    const child = spawn(process.execPath, [bin, "build"], {
      cwd: appDir,
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    const collect = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-20_000);
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    const timer = setTimeout(() => child.kill("SIGKILL"), BUILD_TIMEOUT_MS);
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else
        reject(
          new UnavailableError(
            `next build in ${appDir} failed (${signal ?? `exit ${code}`}):\n${output.slice(-6_000)}`,
          ),
        );
    });
  });
}
