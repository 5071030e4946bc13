import { execFile, spawn } from "node:child_process";
import { promisify } from "node:util";
import { UpstreamError } from "@/lib/errors";

const execFileAsync = promisify(execFile);

/**
 * The environment git runs in: never prompts, never fetches missing objects of
 * a partial clone (the collector promises no network), stable messages.
 */
function gitEnv(): NodeJS.ProcessEnv {
  return { ...process.env, GIT_TERMINAL_PROMPT: "0", GIT_NO_LAZY_FETCH: "1", GIT_OPTIONAL_LOCKS: "0", LC_ALL: "C" };
}

/** Why git failed, in its own words (first line of stderr), for reports; never worth a retry. */
export class GitError extends UpstreamError {
  constructor(
    message: string,
    readonly exitCode: number | null,
  ) {
    super(message, "client");
  }
}

function describeFailure(args: string[], stderr: string, code: number | null): GitError {
  const reason =
    stderr
      .trim()
      .split("\n")
      .find((l) => l.trim() !== "") ?? `exit status ${code}`;
  return new GitError(`git ${args[0]}: ${reason.replace(/^(fatal|error): /, "")}`, code);
}

/**
 * Runs git (no shell, arguments passed as they are) in `cwd` and returns its
 * standard output. For short outputs; long ones go through {@link gitRecords}.
 */
export async function git(
  cwd: string,
  args: string[],
  options: { allowExit?: number[] } = {},
): Promise<{ stdout: string; code: number }> {
  try {
    const { stdout } = await execFileAsync("git", args, { cwd, env: gitEnv(), maxBuffer: 64 << 20, encoding: "utf8" });
    return { stdout, code: 0 };
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { code?: number | string; stderr?: string; stdout?: string };
    if (e.code === "ENOENT") throw new GitError("git is not installed (or not on PATH)", null);
    if (typeof e.code === "number" && options.allowExit?.includes(e.code))
      return { stdout: e.stdout ?? "", code: e.code };
    throw describeFailure(args, e.stderr ?? "", typeof e.code === "number" ? e.code : null);
  }
}

/**
 * Streams the NUL-separated fields of a git command's output as records of
 * `width` fields each. Output is never held whole, so a history of millions of
 * commits costs one record of memory. `spawn` rather than `execFile`: the
 * latter buffers all output. Killing the child on early return or abort keeps
 * nothing running.
 */
export async function* gitRecords(
  cwd: string,
  args: string[],
  width: number,
  signal?: AbortSignal,
): AsyncGenerator<string[]> {
  const child = spawn("git", args, { cwd, env: gitEnv(), stdio: ["ignore", "pipe", "pipe"], signal });
  let stderr = "";
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (chunk: string) => {
    if (stderr.length < 8192) stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve, reject) => {
    child.on("error", (error: NodeJS.ErrnoException) =>
      reject(error.code === "ENOENT" ? new GitError("git is not installed (or not on PATH)", null) : error),
    );
    child.on("close", (code) => resolve(code));
  });
  exited.catch(() => {});
  let pending = "";
  let fields: string[] = [];
  try {
    child.stdout.setEncoding("utf8");
    for await (const chunk of child.stdout as AsyncIterable<string>) {
      pending += chunk;
      let start = 0;
      for (let at = pending.indexOf("\0", start); at !== -1; at = pending.indexOf("\0", start)) {
        fields.push(pending.slice(start, at));
        start = at + 1;
        if (fields.length === width) {
          yield fields;
          fields = [];
        }
      }
      pending = pending.slice(start);
    }
    const code = await exited;
    if (code !== 0) throw describeFailure(args, stderr, code);
    // With -z, git separates (or terminates) records by NUL: the last field may end without one.
    if (pending !== "") fields.push(pending);
    if (fields.length === width) yield fields;
    else if (fields.length > 0)
      throw new GitError(
        `git ${args[0]}: unexpected output (a record of ${fields.length} fields, expected ${width})`,
        0,
      );
  } finally {
    if (child.exitCode === null) child.kill();
  }
}
