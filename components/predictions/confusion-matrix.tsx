/** The 2×2 confusion matrix of out-of-fold predictions at the threshold, counts and row shares. */
export function ConfusionMatrix({
  counts,
  labels,
  locale,
}: {
  counts: { tp: number; fp: number; tn: number; fn: number };
  labels: {
    caption: string;
    actual: string;
    predicted: string;
    churned: string;
    stayed: string;
  };
  locale: string;
}) {
  const n = new Intl.NumberFormat(locale);
  const pct = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 });
  const cell = (v: number, rowTotal: number, good: boolean) => (
    <td className={`border border-gray-200 px-3 py-3 text-center tabular ${good ? "bg-emerald-50" : "bg-red-50"}`}>
      <div className="text-lg font-semibold">{n.format(v)}</div>
      <div className="text-xs text-[var(--color-muted)]">{rowTotal > 0 ? pct.format(v / rowTotal) : "—"}</div>
    </td>
  );
  const churned = counts.tp + counts.fn;
  const stayed = counts.tn + counts.fp;
  return (
    <table className="w-full text-sm" data-testid="confusion-matrix">
      <caption className="mb-2 text-left text-xs text-[var(--color-muted)]">{labels.caption}</caption>
      <thead>
        <tr>
          <th scope="col" className="px-2 py-1 text-left text-xs font-medium text-[var(--color-muted)]">
            {labels.actual} ↓ / {labels.predicted} →
          </th>
          <th scope="col" className="px-2 py-1 text-center text-xs font-medium">
            {labels.churned}
          </th>
          <th scope="col" className="px-2 py-1 text-center text-xs font-medium">
            {labels.stayed}
          </th>
        </tr>
      </thead>
      <tbody>
        <tr>
          <th scope="row" className="px-2 py-1 text-left text-xs font-medium">
            {labels.churned}
          </th>
          {cell(counts.tp, churned, true)}
          {cell(counts.fn, churned, false)}
        </tr>
        <tr>
          <th scope="row" className="px-2 py-1 text-left text-xs font-medium">
            {labels.stayed}
          </th>
          {cell(counts.fp, stayed, false)}
          {cell(counts.tn, stayed, true)}
        </tr>
      </tbody>
    </table>
  );
}
