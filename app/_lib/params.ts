/** A dynamic route segment as written in the address, decoded when it is percent-encoded. */
export function segment(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    // A malformed escape: take it as typed.
    return value;
  }
}
