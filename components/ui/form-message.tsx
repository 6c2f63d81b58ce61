/** The outcome line under a form: an alert for errors, a polite status otherwise. */
export function FormMessage({
  message,
  testId,
}: {
  message: { tone: "info" | "error"; text: string } | null;
  testId: string;
}) {
  if (!message) return null;
  return (
    <p
      role={message.tone === "error" ? "alert" : "status"}
      className={
        message.tone === "error" ? "text-sm text-[var(--color-negative)]" : "text-sm text-[var(--color-muted)]"
      }
      data-testid={testId}
    >
      {message.text}
    </p>
  );
}
