import type { InputHTMLAttributes, LabelHTMLAttributes } from "react";
import { cn } from "@/lib/utils/cn";

export function Input({ className, ...props }: InputHTMLAttributes<HTMLInputElement>) {
  return (
    <input
      className={cn(
        "h-9 w-full rounded-md border border-[var(--color-border)] bg-white px-3 text-sm placeholder:text-gray-400 focus-visible:outline-2 focus-visible:outline-[var(--color-accent)] aria-invalid:border-[var(--color-negative)]",
        className,
      )}
      {...props}
    />
  );
}

export function Label({ className, ...props }: LabelHTMLAttributes<HTMLLabelElement>) {
  return <label className={cn("text-sm font-medium text-[var(--color-ink)]", className)} {...props} />;
}

/** A labelled input with its validation message wired up for screen readers (aria-invalid, aria-describedby). */
export function Field({
  id,
  label,
  error,
  ...inputProps
}: InputHTMLAttributes<HTMLInputElement> & { id: string; label: string; error?: string }) {
  const errorId = `${id}-error`;
  return (
    <div className="flex flex-col gap-1.5">
      <Label htmlFor={id}>{label}</Label>
      <Input
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        {...inputProps}
      />
      {error ? (
        <p id={errorId} className="text-xs text-[var(--color-negative)]">
          {error}
        </p>
      ) : null}
    </div>
  );
}
