-- AlterTable
ALTER TABLE "pipeline_run" ADD COLUMN     "predictions" JSONB;

-- AlterTable
ALTER TABLE "run_customer" ADD COLUMN     "churn_prob" REAL,
ADD COLUMN     "clv" REAL,
ADD COLUMN     "clv_high" REAL,
ADD COLUMN     "clv_low" REAL,
ADD COLUMN     "expected_purchases" REAL,
ADD COLUMN     "p_alive" REAL,
ADD COLUMN     "reasons" JSONB,
ADD COLUMN     "spend_next" REAL,
ADD COLUMN     "value_at_risk" REAL;

-- CreateIndex
CREATE INDEX "run_customer_store_id_run_id_value_at_risk_idx" ON "run_customer"("store_id", "run_id", "value_at_risk" DESC);


-- Checks Prisma's schema language cannot express (added by hand).
ALTER TABLE "run_customer" ADD CONSTRAINT "run_customer_churn_prob_range" CHECK ("churn_prob" BETWEEN 0 AND 1);
ALTER TABLE "run_customer" ADD CONSTRAINT "run_customer_p_alive_range" CHECK ("p_alive" BETWEEN 0 AND 1);
