// GET /api/runs/:id — progress of one of the session's store's runs, polled by the Segments page.
import { z } from "zod";
import { authorize, AuthorizationError } from "@/lib/auth/session";
import { getRun } from "@/lib/db/runs";

export const dynamic = "force-dynamic";

const idSchema = z.coerce
  .number()
  .int()
  .positive()
  .max(2 ** 31 - 1);

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const parsed = idSchema.safeParse((await params).id);
  if (!parsed.success) return Response.json({ error: "invalid run id" }, { status: 400 });
  let storeId: number;
  try {
    storeId = (await authorize("store.view")).store.id;
  } catch (err) {
    if (err instanceof AuthorizationError)
      return Response.json({ error: err.kind }, { status: err.kind === "unauthenticated" ? 401 : 403 });
    throw err;
  }
  const run = await getRun(storeId, parsed.data);
  // Another store's run is indistinguishable from a missing one.
  if (!run) return Response.json({ error: "not found" }, { status: 404 });
  return Response.json(
    { id: run.id, status: run.status, step: run.step, progress: run.progress, error: run.error },
    { headers: { "Cache-Control": "no-store" } },
  );
}
