import { describe, expect, test } from "vitest";
import { isoWeekOf, parseIsoWeek, previousIsoWeek, weeksBefore } from "@/lib/digest/week";

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const date = (ms: number) => new Date(ms).toISOString().slice(0, 10);

describe("ISO weeks", () => {
  test("2026-W47 runs from Monday 16 November to Monday 23 November, exclusive", () => {
    const week = parseIsoWeek("2026-W47");
    expect([date(week.from), date(week.to), week.label]).toEqual(["2026-11-16", "2026-11-23", "2026-W47"]);
  });

  test("a week is named by the year of its Thursday, across New Year", () => {
    expect(isoWeekOf(day("2026-12-31")).label).toBe("2026-W53");
    expect(isoWeekOf(day("2027-01-03")).label).toBe("2026-W53");
    expect(isoWeekOf(day("2027-01-04")).label).toBe("2027-W01");
    expect(isoWeekOf(day("2025-12-29")).label).toBe("2026-W01");
    expect(date(parseIsoWeek("2026-W01").from)).toBe("2025-12-29");
  });

  test("a Monday-morning digest reports on the week that just ended, and so does one sent later that week", () => {
    expect(previousIsoWeek(Date.parse("2026-11-23T08:00:00Z")).label).toBe("2026-W47");
    expect(previousIsoWeek(Date.parse("2026-11-26T17:30:00Z")).label).toBe("2026-W47");
    expect(previousIsoWeek(Date.parse("2026-11-22T23:59:59Z")).label).toBe("2026-W46");
  });

  test("a malformed week or one a year does not have is refused, naming the flag", () => {
    for (const bad of ["2026-47", "2026-W00", "2025-W53", "2026-W54", "W47"])
      expect(() => parseIsoWeek(bad), bad).toThrow(/--week must be an ISO week as YYYY-Www/);
    expect(parseIsoWeek("2026-W53").label).toBe("2026-W53");
  });

  test("the baseline is the four weeks just before", () => {
    const base = weeksBefore(parseIsoWeek("2026-W47"), 4);
    expect([date(base.from), date(base.to)]).toEqual(["2026-10-19", "2026-11-16"]);
  });
});
