import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const LOCK_WAIT_MS = 15 * 60_000;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * One `next build` of a checkout at a time, across processes: the same lock
 * directory (per checkout, in the temp dir) the test suite's builds take, so
 * `altimeter report` never builds into a .next another build is writing. A
 * lock left by a dead process is taken over.
 */
export async function withBuildLock<T>(appDir: string, work: () => Promise<T>): Promise<T> {
  const lock = path.join(tmpdir(), `altimeter-next-build-${createHash("sha1").update(appDir).digest("hex").slice(0, 12)}.lock`);
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
