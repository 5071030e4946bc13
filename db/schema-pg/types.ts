import { bigint, customType } from "drizzle-orm/pg-core";

// Column types that store values exactly as SQLite does, so one SQL text reads
// the same numbers on either engine: flags are 0/1 integers, instants are
// UTC milliseconds in a bigint, JSON lists are text. Drizzle-typed code (the
// better-auth adapter) still sees booleans, Dates and objects, as it does over
// sqlite-core's `mode` options.

/** A boolean stored as 0/1 in an integer (sqlite-core `integer({ mode: "boolean" })`). */
export const flag = customType<{ data: boolean; driverData: number }>({
  dataType: () => "integer",
  toDriver: (value) => (value ? 1 : 0),
  fromDriver: (value) => Number(value) !== 0,
});

/** An instant stored as UTC milliseconds in a bigint (sqlite-core `integer({ mode: "timestamp_ms" })`). */
export const msTime = customType<{ data: Date; driverData: number | string }>({
  dataType: () => "bigint",
  toDriver: (value) => value.getTime(),
  fromDriver: (value) => new Date(Number(value)),
});

/** JSON kept as text (sqlite-core `text({ mode: "json" })`): the store never looks inside it. */
export const jsonText = customType<{ data: unknown; driverData: string }>({
  dataType: () => "text",
  toDriver: (value) => JSON.stringify(value),
  fromDriver: (value) => JSON.parse(value),
});

/** UTC milliseconds as a plain number in a bigint: every timestamp of the store outside better-auth's tables. */
export const ms = (name: string) => bigint(name, { mode: "number" });
