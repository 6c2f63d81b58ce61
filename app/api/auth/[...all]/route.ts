import { getAuth } from "@/lib/auth/auth";

export const dynamic = "force-dynamic";

// What toNextJsHandler(auth) wraps; the instance is resolved per request because it needs the
// database, which must not be opened at import time (next build imports route modules).
async function handle(request: Request): Promise<Response> {
  const auth = await getAuth();
  return auth.handler(request);
}

export { handle as GET, handle as POST };
