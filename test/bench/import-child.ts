/**
 * Runs the real CLI import in a child process and measures it from outside:
 * wall time, and peak RSS from /usr/bin/time (%M) when it exists, else from
 * /proc/PID/status VmHWM (a high-water mark, so the last read before exit is
 * the peak). /proc is polled either way, for progress and as a cross-check.
 */
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, readlinkSync, statSync } from "node:fs";
import path from "node:path";

const TIME_BIN = "/usr/bin/time";
const POLL_MS = 50;

export interface ImportRun {
  exitCode: number | null;
  wallMs: number;
  /** Peak resident set of the node process, in KiB. */
  peakRssKb: number | null;
  rssSource: "/usr/bin/time %M" | "/proc VmHWM";
  /** VmHWM as last read from /proc (KiB), whichever source is reported. */
  procPeakRssKb: number | null;
  stdout: string;
  stderrTail: string;
}

export interface ImportProgress {
  elapsedMs: number;
  /** How far into the file the child has read, when /proc tells. */
  readBytes: number | null;
  /** Size of the database and its WAL so far. */
  dbBytes: number;
}

function readProc(file: string): string | null {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return null;
  }
}

function kbField(status: string | null, field: string): number | null {
  const m = status && new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status);
  return m ? Number(m[1]) : null;
}

/**
 * How far the process has read into `file`: the offset of its descriptor
 * (/proc/PID/fdinfo). Not rchar, which also counts SQLite's page reads.
 */
function filePosition(pid: number, file: string): number | null {
  try {
    const target = path.resolve(file);
    for (const fd of readdirSync(`/proc/${pid}/fd`)) {
      let link: string;
      try {
        link = readlinkSync(`/proc/${pid}/fd/${fd}`);
      } catch {
        continue;
      }
      if (link !== target) continue;
      const pos = /^pos:\s+(\d+)/m.exec(readProc(`/proc/${pid}/fdinfo/${fd}`) ?? "");
      return pos ? Number(pos[1]) : null;
    }
  } catch {
    // The process is gone or /proc is not there: no progress to show.
  }
  return null;
}

function fileSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

/** `node lib/cli/bin.mjs import FILE --workspace W --db DB`, with extra node flags (e.g. --cpu-prof). */
export async function runCliImport(options: {
  projectRoot: string;
  file: string;
  workspace: string;
  dbFile: string;
  nodeFlags?: string[];
  /** Lets the CLI draw its own progress line on a terminal. */
  inheritStderr: boolean;
  onProgress?: (p: ImportProgress) => void;
  progressEveryMs?: number;
}): Promise<ImportRun> {
  const useTime = existsSync(TIME_BIN);
  const rssFile = path.join(path.dirname(options.file), "import-child.rss");
  const cli = [
    ...(options.nodeFlags ?? []),
    "lib/cli/bin.mjs",
    "import",
    options.file,
    "--workspace",
    options.workspace,
    "--db",
    options.dbFile,
  ];
  const [command, args] = useTime
    ? [TIME_BIN, ["-o", rssFile, "-f", "%M", process.execPath, ...cli]]
    : [process.execPath, cli];
  const started = performance.now();
  const child = spawn(command, args, {
    cwd: options.projectRoot,
    stdio: ["ignore", "pipe", options.inheritStderr ? "inherit" : "pipe"],
  });

  let stdout = "",
    stderrTail = "";
  child.stdout!.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (stderrTail = (stderrTail + d.toString()).slice(-16_384)));

  // Under /usr/bin/time the node process is a grandchild: find it once it exists.
  let nodePid: number | null = useTime ? null : (child.pid ?? null);
  let procPeak: number | null = null;
  let lastProgress = started;
  const poll = setInterval(() => {
    if (nodePid === null && child.pid) {
      const kids = readProc(`/proc/${child.pid}/task/${child.pid}/children`)?.trim();
      if (kids) nodePid = Number(kids.split(/\s+/)[0]);
    }
    if (nodePid === null) return;
    const hwm = kbField(readProc(`/proc/${nodePid}/status`), "VmHWM");
    if (hwm !== null) procPeak = Math.max(procPeak ?? 0, hwm);
    const now = performance.now();
    if (options.onProgress && now - lastProgress >= (options.progressEveryMs ?? 5_000)) {
      lastProgress = now;
      options.onProgress({
        elapsedMs: now - started,
        readBytes: filePosition(nodePid, options.file),
        dbBytes: fileSize(options.dbFile) + fileSize(`${options.dbFile}-wal`),
      });
    }
  }, POLL_MS);

  const exitCode = await new Promise<number | null>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve(code));
  }).finally(() => clearInterval(poll));
  const wallMs = performance.now() - started;

  let peakRssKb: number | null = procPeak;
  if (useTime) {
    // GNU time may put "Command exited with non-zero status N" before the number.
    const lines = (readProc(rssFile) ?? "").trim().split("\n");
    const kb = Number(lines[lines.length - 1]);
    peakRssKb = Number.isFinite(kb) && kb > 0 ? kb : procPeak;
  }
  return {
    exitCode,
    wallMs,
    peakRssKb,
    rssSource: useTime ? "/usr/bin/time %M" : "/proc VmHWM",
    procPeakRssKb: procPeak,
    stdout,
    stderrTail,
  };
}
