const whole = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat("en-US", { maximumFractionDigits: 1 });
const twoDecimals = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });
const twoSignificant = new Intl.NumberFormat("en-US", { maximumSignificantDigits: 2 });

/**
 * A measured value for reading, with the precision its size deserves; null
 * stays null (the caller shows "no data"), so an absent value never reads as 0.
 */
export function formatNumber(value: number | null): string | null {
  if (value === null || !Number.isFinite(value)) return null;
  const size = Math.abs(value);
  if (size >= 100) return whole.format(value);
  if (size >= 10) return oneDecimal.format(value);
  if (size >= 0.1 || size === 0) return twoDecimals.format(value);
  return twoSignificant.format(value);
}

/** A share in [0, 1] as a percentage, one decimal. */
export function formatPercent(share: number | null): string | null {
  if (share === null || !Number.isFinite(share)) return null;
  return oneDecimal.format(share * 100);
}

/** The text, or "—" when it is absent. */
export function orDash(text: string | null): string {
  return text ?? "—";
}

/** "1 deployment", "3 deployments". */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}
