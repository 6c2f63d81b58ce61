// Shared by the command-line entry points: argument parsing with zod and one place that turns the
// errors a user can fix (bad flags, bad environment, database locked or unreachable) into a clear
// message and exit code 1 instead of a stack trace.
import { parseArgs, type ParseArgsConfig } from "node:util";
import { z } from "zod";
import { EnvError } from "../lib/env";
import { DatabaseLockedError, DatabaseUnavailableError } from "../lib/db/errors";

export class UsageError extends Error {
  override name = "UsageError";
}

export function parseFlags<T extends z.ZodType>(
  argv: string[],
  options: NonNullable<ParseArgsConfig["options"]>,
  schema: T,
  usage: string,
): z.infer<T> {
  let values: Record<string, unknown>;
  try {
    values = parseArgs({ args: argv, options, allowPositionals: false, strict: true }).values;
  } catch (err) {
    throw new UsageError(`${(err as Error).message}\n\n${usage}`);
  }
  const parsed = schema.safeParse(values);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  --${i.path.join(".")}: ${i.message}`);
    throw new UsageError(`Invalid arguments:\n${lines.join("\n")}\n\n${usage}`);
  }
  return parsed.data;
}

export function runScript(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (err: unknown) => {
      if (
        err instanceof UsageError ||
        err instanceof EnvError ||
        err instanceof DatabaseLockedError ||
        err instanceof DatabaseUnavailableError
      ) {
        console.error(`\n✖ ${err.message}\n`);
      } else {
        console.error(err);
      }
      process.exit(1);
    },
  );
}
