"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { z } from "zod";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { Field } from "@/components/ui/input";
import { authClient } from "@/lib/auth/client";

const credentialsSchema = z.object({ email: z.email(), password: z.string().min(1) });

export function LoginForm({ notice, next }: { notice: string | null; next: string }) {
  const t = useTranslations("login");
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<{ email?: string; password?: string }>({});
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const parsed = credentialsSchema.safeParse({ email: form.get("email"), password: form.get("password") });
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => i.path[0]);
      setFieldErrors({
        email: issues.includes("email") ? t("invalidEmail") : undefined,
        password: issues.includes("password") ? t("passwordRequired") : undefined,
      });
      return;
    }
    setFieldErrors({});
    setError(null);
    setPending(true);
    const { error: authError } = await authClient.signIn.email(parsed.data, {
      onError: () => undefined,
    });
    if (authError) {
      setPending(false);
      if (authError.status === 429) {
        const seconds = Number((authError as { retryAfter?: number }).retryAfter) || 60;
        setError(t("rateLimited", { seconds }));
      } else if (authError.status === 401 || authError.status === 400) {
        setError(t("invalid"));
      } else {
        setError(t("genericError", { message: authError.message ?? String(authError.status) }));
      }
      return;
    }
    router.replace(next);
    router.refresh();
  }

  return (
    <Card>
      <CardContent className="pt-5">
        <form
          onSubmit={onSubmit}
          noValidate
          className="flex flex-col gap-4"
          aria-describedby={error ? "login-error" : undefined}
        >
          {notice ? (
            <p role="status" className="rounded-md bg-blue-50 px-3 py-2 text-sm text-blue-900">
              {notice}
            </p>
          ) : null}
          <Field
            id="email"
            name="email"
            type="email"
            autoComplete="username"
            required
            label={t("email")}
            error={fieldErrors.email}
          />
          <Field
            id="password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            label={t("password")}
            error={fieldErrors.password}
          />
          {error ? (
            <p
              id="login-error"
              role="alert"
              data-testid="login-error"
              className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800"
            >
              {error}
            </p>
          ) : null}
          <Button type="submit" disabled={pending} className="w-full">
            {pending ? t("submitting") : t("submit")}
          </Button>
        </form>
      </CardContent>
    </Card>
  );
}
