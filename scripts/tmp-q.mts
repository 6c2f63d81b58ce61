import { getSql } from "../lib/db/client";
const sql = await getSql();
const r = await sql.query<{ predictions: any }>("SELECT predictions FROM pipeline_run ORDER BY id DESC LIMIT 1");
const p = r[0]!.predictions;
const churn = p.churn;
if (churn.skipped) console.log("churn skipped", churn.skipped); else {
  console.log("labelled", churn.labelled, "rate", churn.churnRate, churn.validation, churn.folds, "chosen", churn.chosen, "atRisk", churn.atRiskShare);
  for (const m of [...churn.models, churn.baseline]) console.log(m.key.padEnd(20), Object.entries(m.metrics).map(([k, v]: any) => `${k} ${v.mean?.toFixed(3)}±${v.std?.toFixed(3)}`).join(" "), "t", m.fitSeconds.toFixed(2));
  console.log("importance", churn.models.find((m: any) => m.key === churn.chosen).importance.slice(0, 5));
}
const s = p.spend;
if (!s.skipped) for (const m of [...s.models, s.baseline]) console.log(m.key.padEnd(20), Object.entries(m.metrics).map(([k, v]: any) => `${k} ${v.mean?.toFixed(2)}±${v.std?.toFixed(2)}`).join(" "), m.alpha ?? "", "t", m.fitSeconds?.toFixed(2));
const c = p.clv;
console.log(JSON.stringify({ ...c, distribution: undefined }, null, 0).slice(0, 1500));
const rows = await sql.query("SELECT churn_prob, clv, clv_low, clv_high, p_alive, expected_purchases, spend_next, reasons FROM run_customer ORDER BY value_at_risk DESC NULLS LAST LIMIT 3");
console.log(JSON.stringify(rows, null, 0));
process.exit(0);
