import { Badge } from "@/components/ui/badge";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import type { MeanStd } from "@/lib/db/prediction-report";

export type ModelRow = {
  key: string;
  label: string;
  metrics: Record<string, MeanStd>;
  chosen?: boolean;
  baseline?: boolean;
};

/** Cross-validated metrics per model, mean ± standard deviation over the folds; the chosen model marked. */
export function ModelTable({
  rows,
  columns,
  caption,
  chosenLabel,
  baselineLabel,
  locale,
}: {
  rows: ModelRow[];
  columns: { key: string; label: string; digits?: number; lowerIsBetter?: boolean }[];
  caption: string;
  chosenLabel: string;
  baselineLabel: string;
  locale: string;
}) {
  const fmt = (v: number, digits: number) =>
    Number.isFinite(v)
      ? new Intl.NumberFormat(locale, { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(v)
      : "—";
  // Best value per column among the models (not the baseline), shown in bold.
  const best = new Map<string, number>();
  for (const c of columns) {
    const values = rows
      .filter((r) => !r.baseline)
      .map((r) => r.metrics[c.key]?.mean ?? NaN)
      .filter(Number.isFinite);
    if (values.length) best.set(c.key, c.lowerIsBetter ? Math.min(...values) : Math.max(...values));
  }
  return (
    <div className="overflow-x-auto">
      <Table>
        <caption className="sr-only">{caption}</caption>
        <THead>
          <Tr>
            <Th>{caption}</Th>
            {columns.map((c) => (
              <Th key={c.key} numeric>
                {c.label}
              </Th>
            ))}
          </Tr>
        </THead>
        <TBody>
          {rows.map((r) => (
            <Tr key={r.key} className={r.baseline ? "bg-gray-50 text-[var(--color-muted)]" : undefined}>
              <Td className="whitespace-nowrap font-medium">
                {r.label} {r.chosen ? <Badge tone="success">{chosenLabel}</Badge> : null}
                {r.baseline ? <Badge>{baselineLabel}</Badge> : null}
              </Td>
              {columns.map((c) => {
                const m = r.metrics[c.key];
                const digits = c.digits ?? 3;
                const isBest = !r.baseline && m && best.get(c.key) === m.mean;
                return (
                  <Td key={c.key} numeric className={isBest ? "font-semibold" : undefined}>
                    {m ? fmt(m.mean, digits) : "—"}
                    {m && m.std !== null && Number.isFinite(m.std) ? (
                      <span className="block text-xs font-normal text-[var(--color-muted)]">±{fmt(m.std, digits)}</span>
                    ) : null}
                  </Td>
                );
              })}
            </Tr>
          ))}
        </TBody>
      </Table>
    </div>
  );
}
