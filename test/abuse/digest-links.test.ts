import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { getDigest, type RenderedDigest } from "@/lib/service/digest";
import { deployment, incident, repository } from "../factories";
import { freshDatabase, importObjects } from "../support/db";

// Finding 7: record URLs went into the digest unchecked: `javascript:` links, and a live <!channel> in Slack.
const store = await freshDatabase();
afterAll(() => store.dispose());
let d: RenderedDigest;

const CRAFTED = "https://evil.example/x|<!channel> click here>";

beforeAll(async () => {
  await importObjects(store.db, "acme", [
    repository({ id: "r1", name: "acme/checkout", createdAt: "2026-01-01T00:00:00Z" }),
    deployment({ id: "d-base", repositoryId: "r1", finishedAt: "2026-11-02T10:00:00Z" }),
    deployment({
      id: "d-bad",
      repositoryId: "r1",
      status: "failure",
      finishedAt: "2026-11-18T12:00:00Z",
      url: "javascript:alert(document.cookie)",
    }),
    incident({
      id: "inc-1",
      title: "<!channel> & <https://phish.example|your bank>",
      repositoryId: "r1",
      openedAt: "2026-11-19T08:00:00Z",
      resolvedAt: "2026-11-19T10:30:00Z",
      url: CRAFTED,
    }),
  ]);
  d = await getDigest(store.db, {
    workspace: "acme",
    week: "2026-W47",
    now: Date.parse("2026-11-23T08:00:00Z"),
    publicUrl: "https://altimeter.example.test",
  });
});

describe("links in digests", () => {
  test("a javascript: record URL is no link anywhere: the model drops it and no rendering carries it", () => {
    expect(d.model.failedDeployments.items[0]!.sourceUrl).toBeNull();
    for (const text of [d.html, d.markdown, d.text, JSON.stringify(d.slack)]) expect(text).not.toContain("javascript:");
  });

  test("Slack: a crafted URL and title make no live mention and no second link", () => {
    const slack = JSON.stringify(d.slack);
    expect(slack).not.toContain("<!channel>");
    expect(slack).not.toContain("<https://phish.example");
    expect(slack).toContain("&lt;!channel&gt;");
    // The URL is one link whose | is encoded, so the text after it is not the link's label.
    expect(slack).toContain("<https://evil.example/x%7C%3C!channel%3E%20click%20here%3E|");
  });

  test("HTML and Markdown carry the crafted URL only percent-encoded, inside one link", () => {
    expect(d.html).toContain('href="https://evil.example/x|%3C!channel%3E%20click%20here%3E"');
    expect(d.markdown).toContain("(https://evil.example/x|%3C!channel%3E%20click%20here%3E)");
  });
});
