import { expect } from "vitest";

/** Deep equality with floats compared to 1e-9 relative, reporting the path of the first difference. */
export function expectClose(actual: unknown, wanted: unknown, at = "$"): void {
  if (typeof wanted === "number" && !Number.isInteger(wanted)) {
    expect(typeof actual, at).toBe("number");
    expect(Math.abs((actual as number) - wanted), `${at}: ${actual} vs ${wanted}`).toBeLessThanOrEqual(
      1e-9 * Math.abs(wanted),
    );
  } else if (Array.isArray(wanted)) {
    expect(Array.isArray(actual), at).toBe(true);
    expect((actual as unknown[]).length, `${at}.length`).toBe(wanted.length);
    for (let i = 0; i < wanted.length; i++) expectClose((actual as unknown[])[i], wanted[i], `${at}[${i}]`);
  } else if (wanted !== null && typeof wanted === "object") {
    expect(actual !== null && typeof actual === "object", at).toBe(true);
    for (const [k, w] of Object.entries(wanted)) expectClose((actual as Record<string, unknown>)[k], w, `${at}.${k}`);
  } else {
    expect(actual, at).toEqual(wanted);
  }
}
