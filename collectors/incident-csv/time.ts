/**
 * A timestamp as exports write them, as RFC 3339 text, or why not:
 * RFC 3339; `YYYY-MM-DD HH:MM[:SS[.fff]]` followed by `Z`, `UTC`, `GMT` or an
 * offset (`+01:00`, `+0100`); or epoch milliseconds (13 digits) or seconds
 * (10 digits). A time without a zone takes `utcOffset` when given and is
 * refused otherwise: a guessed zone would shift every restore time.
 */
export function exportTimestamp(
  text: string,
  utcOffset: string | null,
): { ok: true; value: string } | { ok: false; reason: string } {
  const t = text.trim();
  if (/^\d{13}$/.test(t)) return { ok: true, value: new Date(Number(t)).toISOString() };
  if (/^\d{10}$/.test(t)) return { ok: true, value: new Date(Number(t) * 1000).toISOString() };
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?$/i.exec(t);
  if (!m)
    return {
      ok: false,
      reason: `${JSON.stringify(t)} is not a timestamp (RFC 3339, "YYYY-MM-DD HH:MM:SS ±HH:MM", or epoch milliseconds)`,
    };
  let zone = m[3]?.toUpperCase() ?? null;
  if (zone === null) {
    if (!utcOffset)
      return {
        ok: false,
        reason: `${JSON.stringify(t)} has no time zone; pass --utc-offset (e.g. +00:00) to say which`,
      };
    zone = utcOffset;
  }
  if (zone === "UTC" || zone === "GMT") zone = "Z";
  if (/^[+-]\d{4}$/.test(zone)) zone = `${zone.slice(0, 3)}:${zone.slice(3)}`;
  const value = `${m[1]}T${m[2]}${zone}`;
  return Number.isFinite(Date.parse(value))
    ? { ok: true, value }
    : { ok: false, reason: `${JSON.stringify(t)} is not a calendar time` };
}
