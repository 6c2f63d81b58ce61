// POST /api/campaigns/generate — the studio's streaming endpoint. Body: a generation request
// (lib/validation/campaign.ts) or { translate: { draftId, to } }. Answers with newline-delimited JSON
// events (lib/pipeline/campaign.ts StudioEvent): start, token deltas per variant, each saved draft,
// per-variant errors, done. A client that goes away aborts the model calls; what had arrived is kept.
import { authorize, AuthorizationError } from "@/lib/auth/session";
import { writeAuditLog } from "@/lib/db/audit";
import { defaultCampaignName, storeToday, studioContext } from "@/lib/actions/studio-context";
import { generateCopy, StudioError, translateDraft, type StudioEvent } from "@/lib/pipeline/campaign";
import { generateRequestSchemaFor, translateRequestSchema } from "@/lib/validation/campaign";

export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  let session;
  try {
    session = await authorize("campaign.write");
  } catch (err) {
    if (err instanceof AuthorizationError)
      return Response.json({ error: err.kind }, { status: err.kind === "unauthenticated" ? 401 : 403 });
    throw err;
  }
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return Response.json({ error: "invalid", message: "The request body is not JSON." }, { status: 400 });
  }
  const ctx = await studioContext(session);
  // Aborted when the request is (the client went away) or the response stream is cancelled.
  const abort = new AbortController();
  request.signal.addEventListener("abort", () => abort.abort(), { once: true });
  let events: AsyncGenerator<StudioEvent>;
  if (body && typeof body === "object" && "translate" in body) {
    const parsed = translateRequestSchema.safeParse((body as { translate: unknown }).translate);
    if (!parsed.success)
      return Response.json(
        { error: "invalid", message: parsed.error.issues.map((i) => i.message).join("; ") },
        { status: 400 },
      );
    events = translateDraft(ctx, parsed.data.draftId, parsed.data.to, abort.signal);
  } else {
    const parsed = generateRequestSchemaFor(storeToday(session.store.timezone)).safeParse(body);
    if (!parsed.success)
      return Response.json(
        {
          error: "invalid",
          message: parsed.error.issues.map((i) => i.message).join("; "),
          issues: parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
        },
        { status: 400 },
      );
    const r = parsed.data;
    const name = defaultCampaignName(
      r.goal,
      ctx.label(r.segment, null, r.language),
      r.language,
      storeToday(session.store.timezone),
    );
    events = generateCopy(ctx, parsed.data, name, abort.signal);
  }
  // The first event decides the status: a StudioError before anything started is a 4xx with its message.
  let first: IteratorResult<StudioEvent>;
  try {
    first = await events.next();
  } catch (err) {
    if (err instanceof StudioError) {
      const status = err.code.endsWith("not_found") ? 404 : err.code === "provider_broken" ? 503 : 422;
      return Response.json({ error: err.code, message: err.message }, { status });
    }
    throw err;
  }
  const encoder = new TextEncoder();
  // Once the client has gone, events are still consumed (the engine saves what arrived) but not sent.
  let closed = false;
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (e: StudioEvent) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(`${JSON.stringify(e)}\n`));
        } catch {
          closed = true;
        }
      };
      try {
        if (!first.done) {
          send(first.value);
          if (first.value.type === "start")
            await writeAuditLog({
              storeId: session.store.id,
              userId: session.user.id,
              action: "campaign.generate",
              target: `campaign:${first.value.campaignId}`,
              detail: { mode: first.value.mode, variants: first.value.variants.length },
            });
        }
        for await (const e of events) send(e);
      } catch (err) {
        send({ type: "variant-error", variant: -1, kind: "server", message: (err as Error).message });
      } finally {
        if (!closed) controller.close();
      }
    },
    cancel() {
      // The browser navigated away: the request signal aborts the model calls and start() goes on
      // consuming events, so the engine keeps the partial drafts.
      closed = true;
      abort.abort();
    },
  });
  return new Response(stream, {
    headers: { "Content-Type": "application/x-ndjson; charset=utf-8", "Cache-Control": "no-store" },
  });
}
