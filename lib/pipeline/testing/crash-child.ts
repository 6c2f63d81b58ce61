// Test helper (lib/pipeline/crash.test.ts): a process that starts an analysis run on the database
// named by the environment and is killed by the test while the run is under way.
import { getConnection, getReadyConnection } from "../../db/client";
import { createRun } from "../../db/runs";
import { executeRun } from "../run";

async function main() {
  await getReadyConnection();
  const storeId = Number(process.env.CRASH_STORE_ID);
  const runId = await createRun(storeId, null, { kRange: [2, 8] });
  process.stdout.write(`run ${runId}\n`);
  await executeRun(storeId, runId);
  await getConnection().close();
}
void main();
