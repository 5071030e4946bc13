/**
 * What lead time's records know of their changes without building them (the
 * window's changes are built only when a drill-down reads them): their lead
 * times in hours, in the records' order, and how many have an unknown coding
 * time. Kept beside the records object, so the records' shape (what pages,
 * CSV and JSON show) stays the changes themselves; a list made by hand (a
 * partition of them) has none and is read change by change.
 */
export interface CountedNumbers {
  hours: number[];
  codingTimeUnknown: number;
}

const numbers = new WeakMap<object, CountedNumbers>();

/** Records `of` as having these numbers. */
export function rememberNumbers(of: object, counted: CountedNumbers): void {
  numbers.set(of, counted);
}

/** The numbers of records made by leadTimeRecords, or undefined for any other list. */
export function numbersOf(records: object): CountedNumbers | undefined {
  return numbers.get(records);
}
