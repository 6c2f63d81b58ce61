import type { ReactNode } from "react";
import { cn } from "@/lib/utils/cn";

/** A row of mutually exclusive options (periods, languages); items style themselves with segmentClass. */
export function SegmentedGroup({
  label,
  children,
  className,
}: {
  label: string;
  children: ReactNode;
  className?: string;
}) {
  return (
    <div
      role="group"
      aria-label={label}
      className={cn(
        "inline-flex flex-wrap rounded-md border border-[var(--color-border)] bg-white p-0.5 text-sm",
        className,
      )}
    >
      {children}
    </div>
  );
}

export function segmentClass(active: boolean): string {
  return cn(
    "rounded px-2.5 py-1 transition-colors",
    active ? "bg-[var(--color-ink)] text-white" : "text-[var(--color-muted)] hover:bg-gray-100",
  );
}
