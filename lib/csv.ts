/** A value of a CSV cell: our own numbers and booleans are written as they are; text may come from anyone. */
export type CsvValue = string | number | boolean | null;

// A spreadsheet takes a cell starting with one of these as a formula (OWASP "CSV Injection").
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One cell of RFC 4180 CSV, safe to open in a spreadsheet: text starting with
 * `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'` (so it is
 * shown, not evaluated, as OWASP recommends), and a cell with a comma, quote,
 * line break or that prefix is quoted. Numbers are written as numbers, so a
 * negative number stays a number.
 */
export function csvCell(value: CsvValue): string {
  if (value === null) return "";
  if (typeof value !== "string") return String(value);
  const formula = FORMULA_START.test(value);
  const text = formula ? `'${value}` : value;
  return formula || /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole CSV document: a header row and the rows, CRLF line ends as RFC 4180 has them. */
export function csvDocument(columns: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return `${[columns, ...rows].map((r) => r.map(csvCell).join(",")).join("\r\n")}\r\n`;
}
