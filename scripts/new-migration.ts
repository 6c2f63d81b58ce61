// npm run db:migration -- <name> [--from <git-rev>]
// Writes prisma/migrations/<timestamp>_<name>/migration.sql: the SQL that turns the schema as committed
// at <git-rev> (default HEAD) into the working prisma/schema.prisma (`prisma migrate diff`; the Prisma
// CLI cannot run `migrate dev` here, shared/STACK.md). Review the file, then `npm run db:migrate`.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { z } from "zod";
import { parseFlags, runScript, UsageError } from "./cli";

const root = path.resolve(import.meta.dirname, "..");
const USAGE = "Usage: npm run db:migration -- --name add_x [--from HEAD]";

runScript(async () => {
  const flags = parseFlags(
    process.argv.slice(2),
    { name: { type: "string" }, from: { type: "string" } },
    z.object({
      name: z.string().regex(/^[a-z0-9_]+$/, "lower-case letters, digits and _ only"),
      from: z.string().default("HEAD"),
    }),
    USAGE,
  );
  let previous: string;
  try {
    previous = execFileSync("git", ["show", `${flags.from}:prisma/schema.prisma`], { cwd: root, encoding: "utf8" });
  } catch {
    throw new UsageError(`Cannot read prisma/schema.prisma at ${flags.from} from git.`);
  }
  const tmp = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "shoplens-schema-")), "schema.prisma");
  fs.writeFileSync(tmp, previous);
  const sql = execFileSync(
    path.join(root, "node_modules", ".bin", "prisma"),
    ["migrate", "diff", "--from-schema-datamodel", tmp, "--to-schema-datamodel", "prisma/schema.prisma", "--script"],
    { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
  );
  if (/^-- This is an empty migration\.\s*$/m.test(sql) || sql.trim() === "") {
    console.log(`prisma/schema.prisma has not changed since ${flags.from}: no migration written.`);
    return;
  }
  const stamp = new Date().toISOString().replace(/[-:T]/g, "").slice(0, 14);
  const dir = path.join(root, "prisma", "migrations", `${stamp}_${flags.name}`);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "migration.sql"), sql);
  console.log(`Wrote ${path.relative(root, dir)}/migration.sql — review it, then npm run db:migrate.`);
});
