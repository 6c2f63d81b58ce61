import { ArrowDownRight, ArrowUpRight, Minus } from "lucide-react";
import { Card } from "@/components/ui/card";
import { cn } from "@/lib/utils/cn";

export type KpiCardProps = {
  id: string;
  label: string;
  value: string;
  /** The unformatted figure, for tests and for screen readers' tooltips. */
  raw: number | null;
  hint: string;
  change: { direction: "up" | "down" | "flat"; text: string } | { direction: "none"; text: string };
  /** For figures where down is good (none on the overview yet). */
  invert?: boolean;
};

export function KpiCard({ id, label, value, raw, hint, change, invert = false }: KpiCardProps) {
  const good =
    change.direction === "flat" || change.direction === "none" ? null : (change.direction === "up") !== invert;
  const Icon = change.direction === "up" ? ArrowUpRight : change.direction === "down" ? ArrowDownRight : Minus;
  return (
    <Card className="flex flex-col gap-1 px-5 py-4" data-testid={`kpi-${id}`} data-value={raw ?? ""}>
      <h3 className="text-sm text-[var(--color-muted)]">{label}</h3>
      <p className="tabular text-2xl font-semibold tracking-tight">{value}</p>
      <p
        className={cn(
          "flex items-center gap-1 text-xs",
          good === true && "text-[var(--color-positive)]",
          good === false && "text-[var(--color-negative)]",
          good === null && "text-[var(--color-muted)]",
        )}
      >
        <Icon className="h-3.5 w-3.5 shrink-0" aria-hidden="true" />
        <span>{change.text}</span>
      </p>
      <p className="text-xs text-[var(--color-muted)]">{hint}</p>
    </Card>
  );
}
