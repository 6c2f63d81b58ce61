/** The embedded database directory is held by another live process (PGlite allows one per directory). */
export class DatabaseLockedError extends Error {
  override name = "DatabaseLockedError";
  constructor(
    readonly dataDir: string,
    readonly holderPid: number,
    readonly holderCommand: string,
  ) {
    super(
      `The embedded database at ${dataDir} is in use by process ${holderPid} (${holderCommand || "unknown command"}). ` +
        `Only one process may open it at a time: stop that process (for example the dashboard started by \`npm run demo\`), ` +
        `or point DATA_DIR at another directory, or use PostgreSQL through DATABASE_URL.`,
    );
  }
}

/** PostgreSQL could not be reached or refused the connection. The message never contains the password. */
export class DatabaseUnavailableError extends Error {
  override name = "DatabaseUnavailableError";
  constructor(
    readonly target: string,
    readonly reason: string,
  ) {
    super(`Cannot reach the database at ${target}: ${reason}. Check DATABASE_URL and that PostgreSQL is running.`);
  }
}

/** postgres://user:secret@host:5432/db → postgres://user@host:5432/db */
export function redactDatabaseUrl(url: string): string {
  try {
    const u = new URL(url);
    u.password = "";
    return u.toString().replace(/:@/, "@");
  } catch {
    return "(unparsable DATABASE_URL)";
  }
}

export function describeConnectError(err: unknown): string {
  const e = err as { code?: string; message?: string };
  switch (e.code) {
    case "ECONNREFUSED":
      return "connection refused (is PostgreSQL running on that host and port?)";
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return "host name not found";
    case "ETIMEDOUT":
      return "connection timed out";
    case "28P01":
    case "28000":
      return "authentication failed";
    case "3D000":
      return "the database does not exist";
    default:
      return e.message ? e.message.replace(/postgres(ql)?:\/\/[^\s]*/g, "(url)") : "unknown error";
  }
}
