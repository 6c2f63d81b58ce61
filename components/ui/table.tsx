import type { HTMLAttributes, TdHTMLAttributes, ThHTMLAttributes } from "react";
import { cn } from "@/lib/utils/cn";

// Tables as merchant admins expect them: numbers right-aligned in tabular figures, a sticky header
// where the table scrolls, quiet row rules.

export function Table({ className, ...props }: HTMLAttributes<HTMLTableElement>) {
  return <table className={cn("w-full text-sm", className)} {...props} />;
}

export function THead({
  sticky = false,
  className,
  ...props
}: HTMLAttributes<HTMLTableSectionElement> & { sticky?: boolean }) {
  return (
    <thead
      className={cn("text-left text-[var(--color-muted)]", sticky && "sticky top-0 z-10 bg-gray-50", className)}
      {...props}
    />
  );
}

export function TBody({ className, ...props }: HTMLAttributes<HTMLTableSectionElement>) {
  return <tbody className={cn("tabular", className)} {...props} />;
}

export function Tr({ className, ...props }: HTMLAttributes<HTMLTableRowElement>) {
  return <tr className={cn("border-t border-gray-100", className)} {...props} />;
}

type Cell = { numeric?: boolean };

export function Th({ numeric, className, ...props }: ThHTMLAttributes<HTMLTableCellElement> & Cell) {
  return (
    <th
      scope="col"
      className={cn("whitespace-nowrap px-4 py-2 font-medium", numeric && "text-right", className)}
      {...props}
    />
  );
}

export function Td({ numeric, className, ...props }: TdHTMLAttributes<HTMLTableCellElement> & Cell) {
  return <td className={cn("px-4 py-2", numeric && "whitespace-nowrap text-right", className)} {...props} />;
}
