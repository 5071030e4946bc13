import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/** Someone who commits: what git is told, before .mailmap. */
export interface Author {
  name: string;
  email: string;
}

/** A real git repository in a temporary folder, driven with the real `git`. */
export class TestRepository {
  readonly dir: string;

  constructor(name = "service") {
    this.dir = path.join(mkdtempSync(path.join(tmpdir(), "altimeter-git-")), name);
    this.git(["init", "--quiet", "--initial-branch=main", this.dir], path.dirname(this.dir));
    this.git(["config", "commit.gpgsign", "false"]);
    this.git(["config", "tag.gpgsign", "false"]);
  }

  /** Runs git in the repository and returns its output. */
  git(args: string[], cwd = this.dir, env: Record<string, string> = {}): string {
    return execFileSync("git", args, {
      cwd,
      encoding: "utf8",
      env: {
        ...process.env,
        GIT_CONFIG_NOSYSTEM: "1",
        HOME: path.dirname(this.dir ?? cwd),
        GIT_COMMITTER_NAME: "Committer",
        GIT_COMMITTER_EMAIL: "committer@example.com",
        ...env,
      },
    });
  }

  /** Commits a change to `file` by `author` at `at` (also the commit time unless `committedAt`); returns the sha. */
  commit(author: Author, at: string, message: string, options: { file?: string; committedAt?: string } = {}): string {
    const file = options.file ?? "log.txt";
    writeFileSync(path.join(this.dir, file), `${message} ${at}\n`, { flag: "a" });
    this.git(["add", file]);
    this.git(["commit", "--quiet", "-m", message], this.dir, {
      GIT_AUTHOR_NAME: author.name,
      GIT_AUTHOR_EMAIL: author.email,
      GIT_AUTHOR_DATE: at,
      GIT_COMMITTER_DATE: options.committedAt ?? at,
    });
    return this.head();
  }

  /** Merges `branch` into the current branch with a merge commit (never fast-forward). */
  merge(branch: string, at: string, message: string, by: Author): string {
    this.git(["merge", "--quiet", "--no-ff", "-m", message, branch], this.dir, {
      GIT_AUTHOR_NAME: by.name,
      GIT_AUTHOR_EMAIL: by.email,
      GIT_AUTHOR_DATE: at,
      GIT_COMMITTER_DATE: at,
    });
    return this.head();
  }

  checkout(branch: string, create = false): void {
    this.git(create ? ["checkout", "--quiet", "-b", branch] : ["checkout", "--quiet", branch]);
  }

  /** A lightweight tag, or an annotated one made at `at`. */
  tag(name: string, at?: string): void {
    if (at) this.git(["tag", "-a", name, "-m", name], this.dir, { GIT_COMMITTER_DATE: at });
    else this.git(["tag", name]);
  }

  head(): string {
    return this.git(["rev-parse", "HEAD"]).trim();
  }

  write(file: string, text: string): void {
    writeFileSync(path.join(this.dir, file), text);
  }

  dispose(): void {
    rmSync(path.dirname(this.dir), { recursive: true, force: true });
  }
}
