// The Prisma CLI is used here for two things only: `prisma generate` and `prisma migrate diff`
// (writing migration SQL). Neither needs the project's database, so the JS schema engine gets a
// throw-away in-memory PGlite: the CLI never opens .data/ (which the running app may hold) nor a
// production database. Migrations are applied by scripts/migrate.ts (lib/db/migrate.ts) on both
// PGlite and PostgreSQL — see README "Migrations" for why.
import { defineConfig } from "prisma/config";
import { PGlite } from "@electric-sql/pglite";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaPGlite } from "pglite-prisma-adapter";

type Memo = { __shoplensCliPglite?: PGlite };
const memo = globalThis as Memo;

export default defineConfig({
  schema: "prisma/schema.prisma",
  engine: "js",
  experimental: { adapter: true },
  // The CLI calls adapter() more than once per command: one in-memory instance per process.
  adapter: async () => {
    memo.__shoplensCliPglite ??= new PGlite();
    // pglite-prisma-adapter 0.6 is typed against driver-adapter-utils 6.10 (shared/STACK.md): one cast.
    return new PrismaPGlite(memo.__shoplensCliPglite) as unknown as SqlMigrationAwareDriverAdapterFactory;
  },
});
