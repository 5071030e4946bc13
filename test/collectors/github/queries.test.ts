import { parse, validate } from "graphql";
import { describe, expect, test } from "vitest";
import { DOCUMENTS } from "@/collectors/github/queries";
import { githubGraphqlSchema } from "./support/server";

describe("the GitHub collector's GraphQL documents", () => {
  for (const [name, document] of Object.entries(DOCUMENTS)) {
    test(`${name} validates against GitHub's published schema`, () => {
      const errors = validate(githubGraphqlSchema(), parse(document)).map((e) => e.message);
      expect(errors).toEqual([]);
    });

    test(`${name} asks for the rate limit's cost, remaining points and reset time`, () => {
      expect(document.replace(/\s+/g, " ")).toContain("rateLimit { cost remaining resetAt }");
    });
  }

  test("pages are 100 nodes, the most GitHub allows", () => {
    const sizes = Object.values(DOCUMENTS).flatMap((d) => [...d.matchAll(/first: (\d+)/g)].map((m) => Number(m[1])));
    expect(Math.max(...sizes)).toBe(100);
    expect(sizes.filter((n) => n === 100).length).toBeGreaterThanOrEqual(10);
  });
});
