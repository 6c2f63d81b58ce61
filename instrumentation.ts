// Runs once when the server starts (never during `next build`): validates the environment, opens the
// database (taking the PGlite lock) and applies pending migrations to the embedded database. A
// problem the operator can fix stops the server with a message that says how.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startServer } = await import("./instrumentation-node");
    await startServer();
  }
}
