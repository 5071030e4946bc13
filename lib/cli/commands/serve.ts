import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { constants } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { absoluteStoreTarget, closeDatabase, resolveDbPath } from "@/db/client";
import { readEnv } from "@/lib/env";
import { ValidationError } from "@/lib/errors";
import { listWorkspaceNames } from "@/lib/service/workspace-list";
import { isLoopback, readAuthSettings } from "@/lib/auth/settings";
import { countAdmins, ensureFirstAdmin } from "@/lib/service/access";
import { createDemoWorkspace } from "@/lib/service/demo";
import { describeSummary } from "@/lib/import/summary";
import { optional, type Command } from "../command";
import { formatCount, terminalProgress } from "../progress";

/** The checkout: `next build` and `next start` run there, where app/ and .next/ live. */
const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

function nextBin(): string {
  return createRequire(import.meta.url).resolve("next/dist/bin/next");
}

function port(flag: string | null): number {
  if (flag === null) return readEnv().PORT;
  const n = Number(flag);
  if (!/^\d+$/.test(flag) || n < 1 || n > 65535)
    throw new ValidationError(`--port must be a port number (1–65535), got ${JSON.stringify(flag)}`);
  return n;
}

/**
 * Runs `next ARGS` with stdio inherited, forwarding SIGINT and SIGTERM, and
 * resolves with its exit code (128 + the signal number when a signal ended it).
 */
function runNext(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [nextBin(), ...args], { cwd: PROJECT_ROOT, env, stdio: "inherit" });
    // A terminal's Ctrl-C reaches the child too; forwarding covers `kill PID` and process managers.
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    const signals: NodeJS.Signals[] = ["SIGINT", "SIGTERM"];
    for (const s of signals) process.on(s, forward);
    const cleanUp = () => {
      for (const s of signals) process.off(s, forward);
    };
    child.once("error", (error) => {
      cleanUp();
      reject(error);
    });
    child.once("exit", (code, signal) => {
      cleanUp();
      resolve(code ?? (signal ? 128 + (constants.signals[signal] ?? 0) : 1));
    });
  });
}

export const serveCommand: Command = {
  name: "serve",
  summary: "Build and start the dashboard (creates the demo workspace when there is none)",
  usage: "altimeter serve [--port N] [--no-build]",
  help: `
Opens (and migrates) the database, creates the demo workspace when there are no
workspaces at all, runs \`next build\`, then \`next start\` on the port. The
dashboard reads the same database as the other commands. Stop it with Ctrl-C.

Everything in the app needs a signed-in user. On a database without users it
creates the instance admin: from ALTIMETER_ADMIN_EMAIL and
ALTIMETER_ADMIN_PASSWORD when set, else admin@altimeter.localhost with a one-time
sign-in link printed here (valid 24 hours; \`altimeter users link EMAIL\` makes
another). It listens on 127.0.0.1 only; another address (--host 0.0.0.0)
needs an admin account and an explicit public URL (ALTIMETER_PUBLIC_URL or
the config's publicUrl), or it refuses to start and says why.

  --port N     the port to listen on (default: $PORT or 3000)
  --host ADDR  the address to listen on (default: $HOST or 127.0.0.1)
  --no-build   start the existing build in .next/ without rebuilding`,
  options: { port: { type: "string" }, host: { type: "string" }, "no-build": { type: "boolean" } },
  async run(ctx) {
    const listenPort = port(optional(ctx, "port"));
    const env0 = readEnv();
    const host = optional(ctx, "host") ?? env0.HOST ?? "127.0.0.1";
    const exposed = !isLoopback(host);
    const dbPath = resolveDbPath(optional(ctx, "db"));
    if (dbPath === ":memory:") throw new ValidationError("the dashboard needs a database file, not :memory:");

    const db = await ctx.db();
    if ((await listWorkspaceNames(db)).length === 0) {
      const progress = terminalProgress(ctx.interactive);
      const summary = await createDemoWorkspace(db, {
        slug: "demo",
        now: Date.now(),
        onProgress: (n) => progress.update(`no workspaces yet, creating the demo: ${formatCount(n)} records`),
      });
      progress.done();
      ctx.err(`demo: ${describeSummary(summary)}`);
    }
    const serverEnv = { ...process.env, PORT: String(listenPort), ALTIMETER_DB: absoluteStoreTarget(dbPath) };
    const settings = readAuthSettings(dbPath);
    const first = await ensureFirstAdmin(
      db,
      { email: env0.ALTIMETER_ADMIN_EMAIL, password: env0.ALTIMETER_ADMIN_PASSWORD },
      !exposed,
    );
    if (exposed) {
      const problems = [];
      if ((await countAdmins(db)) === 0)
        problems.push(
          "there is no admin account: set ALTIMETER_ADMIN_EMAIL and ALTIMETER_ADMIN_PASSWORD, or run altimeter users add EMAIL --admin",
        );
      if (!settings.publicUrlExplicit)
        problems.push(
          "there is no public URL: set ALTIMETER_PUBLIC_URL (or publicUrl in the config) to the address people use",
        );
      if (problems.length) {
        await closeDatabase(db);
        throw new ValidationError(
          `refusing to listen on ${host}, which other machines can reach: ${problems.join("; ")}`,
        );
      }
    }
    if (first?.kind === "created-from-env") ctx.err(`created the admin ${first.email} (ALTIMETER_ADMIN_EMAIL)`);
    const base = settings.publicUrlExplicit ? settings.publicUrl : `http://localhost:${listenPort}`;
    const { ONE_TIME_LINK_PATH } = await import("@/lib/auth/auth");
    const welcome =
      first?.kind === "created-with-link"
        ? `\nNo users yet: created the admin ${first.email}. Sign in once with this link (valid 24 hours, one use),\nthen add people with altimeter users and altimeter members:\n\n  ${base}${ONE_TIME_LINK_PATH}?token=${first.token}\n`
        : null;
    // The server opens its own connection; this one would only hold the file open.
    await closeDatabase(db);

    // Absolute, so the server finds the same file whatever directory it runs in.
    const env = { ...serverEnv, NEXT_TELEMETRY_DISABLED: "1" };
    if (!ctx.values["no-build"]) {
      const built = await runNext(["build"], env);
      if (built !== 0) {
        ctx.err(`next build failed (exit ${built}); the server was not started`);
        return built;
      }
    }
    // After the build's output, so the link is the last thing on the screen.
    if (welcome) ctx.err(welcome);
    return runNext(["start", "-p", String(listenPort), "-H", host], env);
  },
};
