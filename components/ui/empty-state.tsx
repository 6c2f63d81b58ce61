import type { ReactNode } from "react";
import { cn } from "@/lib/utils/cn";

/** A designed empty state: what is missing, why, and the next step. */
export function EmptyState({
  icon,
  title,
  description,
  action,
  className,
  ...rest
}: {
  "data-testid"?: string;
  icon?: ReactNode;
  title: string;
  description: string;
  action?: ReactNode;
  className?: string;
}) {
  return (
    <div
      data-testid={rest["data-testid"]}
      className={cn(
        "flex flex-col items-center justify-center gap-3 rounded-lg border border-dashed border-[var(--color-border)] bg-white px-6 py-14 text-center",
        className,
      )}
    >
      {icon ? (
        <div className="text-[var(--color-muted)]" aria-hidden="true">
          {icon}
        </div>
      ) : null}
      <h2 className="text-base font-semibold">{title}</h2>
      <p className="max-w-md text-sm text-[var(--color-muted)]">{description}</p>
      {action ? <div className="mt-2">{action}</div> : null}
    </div>
  );
}
