-- CreateEnum
CREATE TYPE "RunStatus" AS ENUM ('queued', 'running', 'succeeded', 'failed', 'cancelled');

-- AlterTable
ALTER TABLE "store" ADD COLUMN     "current_run_id" INTEGER;

-- CreateTable
CREATE TABLE "pipeline_run" (
    "store_id" INTEGER NOT NULL,
    "id" SERIAL NOT NULL,
    "status" "RunStatus" NOT NULL DEFAULT 'queued',
    "step" TEXT,
    "progress" SMALLINT NOT NULL DEFAULT 0,
    "params" JSONB NOT NULL,
    "step_timings" JSONB NOT NULL DEFAULT '[]',
    "summary" JSONB,
    "error" TEXT,
    "started_by_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),
    "heartbeat_at" TIMESTAMPTZ(3),
    "cancel_requested" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "pipeline_run_pkey" PRIMARY KEY ("store_id","id")
);

-- CreateTable
CREATE TABLE "run_segment" (
    "store_id" INTEGER NOT NULL,
    "run_id" INTEGER NOT NULL,
    "segment" SMALLINT NOT NULL,
    "size" INTEGER NOT NULL,
    "revenue_share" DOUBLE PRECISION NOT NULL,
    "centroid" JSONB NOT NULL,
    "centroid_z" JSONB NOT NULL,
    "profile" JSONB NOT NULL,

    CONSTRAINT "run_segment_pkey" PRIMARY KEY ("store_id","run_id","segment")
);

-- CreateTable
CREATE TABLE "run_customer" (
    "store_id" INTEGER NOT NULL,
    "run_id" INTEGER NOT NULL,
    "customer_id" INTEGER NOT NULL,
    "segment" SMALLINT NOT NULL,
    "x" REAL NOT NULL,
    "y" REAL NOT NULL,
    "rfm_r" SMALLINT NOT NULL,
    "rfm_f" SMALLINT NOT NULL,
    "rfm_m" SMALLINT NOT NULL,
    "rfm_group" TEXT NOT NULL,
    "features" REAL[],

    CONSTRAINT "run_customer_pkey" PRIMARY KEY ("store_id","run_id","customer_id")
);

-- CreateIndex
CREATE INDEX "pipeline_run_store_id_created_at_idx" ON "pipeline_run"("store_id", "created_at");

-- CreateIndex
CREATE INDEX "pipeline_run_status_idx" ON "pipeline_run"("status");

-- CreateIndex
CREATE INDEX "run_customer_store_id_run_id_segment_idx" ON "run_customer"("store_id", "run_id", "segment");

-- CreateIndex
CREATE INDEX "run_customer_store_id_customer_id_idx" ON "run_customer"("store_id", "customer_id");

-- AddForeignKey
ALTER TABLE "pipeline_run" ADD CONSTRAINT "pipeline_run_store_id_fkey" FOREIGN KEY ("store_id") REFERENCES "store"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pipeline_run" ADD CONSTRAINT "pipeline_run_started_by_id_fkey" FOREIGN KEY ("started_by_id") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "run_segment" ADD CONSTRAINT "run_segment_store_id_fkey" FOREIGN KEY ("store_id") REFERENCES "store"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "run_segment" ADD CONSTRAINT "run_segment_store_id_run_id_fkey" FOREIGN KEY ("store_id", "run_id") REFERENCES "pipeline_run"("store_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "run_customer" ADD CONSTRAINT "run_customer_store_id_fkey" FOREIGN KEY ("store_id") REFERENCES "store"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "run_customer" ADD CONSTRAINT "run_customer_store_id_run_id_fkey" FOREIGN KEY ("store_id", "run_id") REFERENCES "pipeline_run"("store_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "run_customer" ADD CONSTRAINT "run_customer_store_id_customer_id_fkey" FOREIGN KEY ("store_id", "customer_id") REFERENCES "customer"("store_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Checks Prisma's schema language cannot express (added by hand).
ALTER TABLE "pipeline_run" ADD CONSTRAINT "pipeline_run_progress_range" CHECK ("progress" BETWEEN 0 AND 100);
-- At most one queued or running run per store: a second start is refused by the database itself.
CREATE UNIQUE INDEX "pipeline_run_one_active_per_store" ON "pipeline_run"("store_id") WHERE "status" IN ('queued', 'running');
