import { describe, expect, test } from "vitest";
import { parseWorkspaceSearchParams, withParams, windowEndingToday } from "@/app/w/[workspace]/search-params";
import { ValidationError } from "@/lib/errors";

const NOW = Date.UTC(2026, 10, 26, 15, 45);

describe("the dashboard's filters in the URL", () => {
  test("no parameters is the last 13 full weeks, ending at today's UTC midnight", () => {
    expect(parseWorkspaceSearchParams({}, NOW)).toEqual({
      from: "2026-08-27",
      to: "2026-11-26",
      team: null,
      preset: "13w",
    });
  });

  test("explicit dates equal to a preset are recognised as that preset, others are custom", () => {
    expect(parseWorkspaceSearchParams({ from: "2026-10-29", to: "2026-11-26" }, NOW).preset).toBe("4w");
    expect(parseWorkspaceSearchParams({ from: "2025-11-27", to: "2026-11-26" }, NOW).preset).toBe("12m");
    expect(parseWorkspaceSearchParams({ from: "2026-10-01", to: "2026-11-01", team: "pay" }, NOW)).toEqual({
      from: "2026-10-01",
      to: "2026-11-01",
      team: "pay",
      preset: null,
    });
  });

  test("one date alone keeps the default length; empty form fields count as absent", () => {
    expect(parseWorkspaceSearchParams({ to: "2026-03-02" }, NOW)).toMatchObject({
      from: "2025-12-01",
      to: "2026-03-02",
    });
    expect(parseWorkspaceSearchParams({ from: "", to: "", team: "" }, NOW)).toMatchObject({
      from: "2026-08-27",
      to: "2026-11-26",
      team: null,
    });
  });

  test("a bad date or a backwards window is refused naming the parameter", () => {
    expect(() => parseWorkspaceSearchParams({ from: "2026-02-30" }, NOW)).toThrow(
      new ValidationError('from must be a date as YYYY-MM-DD, got "2026-02-30"'),
    );
    expect(() => parseWorkspaceSearchParams({ to: "soon" }, NOW)).toThrow(/^to must be a date/);
    expect(() => parseWorkspaceSearchParams({ from: "2026-11-26", to: "2026-11-26" }, NOW)).toThrow(
      /to \(2026-11-26\) must be after from \(2026-11-26\)/,
    );
  });

  test("links leave out empty filters and encode the rest", () => {
    expect(withParams("/w/demo", { from: "2026-01-05", to: null, team: "", q: "a&b" })).toBe(
      "/w/demo?from=2026-01-05&q=a%26b",
    );
    expect(withParams("/w/demo", {})).toBe("/w/demo");
    expect(windowEndingToday(NOW, 28)).toEqual({ from: "2026-10-29", to: "2026-11-26" });
  });
});
