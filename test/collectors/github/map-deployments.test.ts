import { describe, expect, test } from "vitest";
import { deploymentOutcome } from "@/collectors/github/map-deployments";
import { runStatus } from "@/collectors/github/map-commits";
import { keepsContent } from "@/collectors/github/files";

const at = (minute: number) => `2026-03-01T10:${String(minute).padStart(2, "0")}:00Z`;
const s = (state: string, minute: number) => ({ state, createdAt: at(minute), logUrl: null });

describe("a deployment's outcome from its statuses", () => {
  test("a success later made INACTIVE stays a success, finished at the SUCCESS status", () => {
    expect(deploymentOutcome([s("INACTIVE", 30), s("SUCCESS", 5), s("IN_PROGRESS", 1)])).toEqual({
      status: "success",
      finishedAt: at(5),
      url: null,
    });
  });

  test("a retried deployment that failed and then succeeded is a success", () => {
    expect(deploymentOutcome([s("FAILURE", 2), s("SUCCESS", 9)]).status).toBe("success");
  });

  test("FAILURE or ERROR as the last status is a failure at that status, even when INACTIVE follows", () => {
    expect(deploymentOutcome([s("IN_PROGRESS", 1), s("ERROR", 4)])).toEqual({
      status: "failure",
      finishedAt: at(4),
      url: null,
    });
    expect(deploymentOutcome([s("FAILURE", 4), s("INACTIVE", 8)])).toEqual({
      status: "failure",
      finishedAt: at(4),
      url: null,
    });
  });

  test("made INACTIVE before reaching an outcome is cancelled; pending or without statuses is in progress", () => {
    expect(deploymentOutcome([s("QUEUED", 1), s("INACTIVE", 3)])).toEqual({
      status: "cancelled",
      finishedAt: at(3),
      url: null,
    });
    expect(deploymentOutcome([s("PENDING", 1), s("WAITING", 2)]).status).toBe("in_progress");
    expect(deploymentOutcome([]).status).toBe("in_progress");
  });
});

describe("a workflow run's status from its check suite", () => {
  test("only a completed suite has an outcome", () => {
    expect(
      ["SUCCESS", "FAILURE", "TIMED_OUT", "STARTUP_FAILURE", "CANCELLED", "STALE", "SKIPPED", "NEUTRAL"].map((c) =>
        runStatus("COMPLETED", c),
      ),
    ).toEqual(["success", "failure", "failure", "failure", "cancelled", "cancelled", "skipped", "skipped"]);
    expect(runStatus("IN_PROGRESS", null)).toBe("in_progress");
    expect(runStatus("QUEUED", null)).toBe("in_progress");
  });
});

describe("which files keep their text in a snapshot", () => {
  test("workflows, manifests and configs do; code, prose and images do not", () => {
    const keep = [
      ".github/workflows/ci.yml",
      "Dockerfile",
      "Dockerfile.prod",
      "infra/main.tf",
      "fly.toml",
      "charts/a/values.yaml",
      "CODEOWNERS",
      "renovate.json",
    ];
    const skip = ["README.md", "src/index.ts", "deploy/logo.png", "LICENSE", ".gitignore"];
    expect(keep.filter(keepsContent)).toEqual(keep);
    expect(skip.filter(keepsContent)).toEqual([]);
  });
});
