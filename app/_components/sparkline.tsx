const WIDTH = 120;
const HEIGHT = 40;
const PAD = 3;

/** The SVG path of the values, with gaps where a week has no value. */
function pathOf(values: readonly (number | null)[]): {
  line: string;
  area: string;
  last: { x: number; y: number } | null;
} {
  const present = values.filter((v): v is number => v !== null);
  const min = Math.min(...present, 0);
  const max = Math.max(...present, min + 1e-9);
  const x = (i: number) =>
    PAD + (values.length === 1 ? (WIDTH - 2 * PAD) / 2 : (i * (WIDTH - 2 * PAD)) / (values.length - 1));
  const y = (v: number) => HEIGHT - PAD - ((v - min) / (max - min)) * (HEIGHT - 2 * PAD);
  let line = "",
    area = "",
    run: { x: number; y: number }[] = [];
  let last: { x: number; y: number } | null = null;
  const flush = () => {
    if (run.length > 0) {
      line += run.map((p, i) => `${i === 0 ? "M" : "L"}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join("");
      area +=
        `M${run[0]!.x.toFixed(1)},${HEIGHT - PAD}` +
        run.map((p) => `L${p.x.toFixed(1)},${p.y.toFixed(1)}`).join("") +
        `L${run[run.length - 1]!.x.toFixed(1)},${HEIGHT - PAD}Z`;
    }
    run = [];
  };
  for (const [i, v] of values.entries()) {
    if (v === null) {
      flush();
      continue;
    }
    last = { x: x(i), y: y(v) };
    run.push(last);
  }
  flush();
  return { line, area, last };
}

/**
 * A week-by-week sparkline drawn on the server (no script needed). `label`
 * is its text alternative: what the line shows, in words.
 */
export function Sparkline({ values, label }: { values: readonly (number | null)[]; label: string }) {
  if (values.every((v) => v === null)) return null;
  const { line, area, last } = pathOf(values);
  return (
    <svg
      className="sparkline"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-label={label}
      preserveAspectRatio="none"
    >
      <path className="spark-area" d={area} />
      <path
        d={line}
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinejoin="round"
        strokeLinecap="round"
        vectorEffect="non-scaling-stroke"
      />
      {last && <circle cx={last.x} cy={last.y} r="2.6" fill="currentColor" />}
    </svg>
  );
}
