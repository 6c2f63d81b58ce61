-- AlterTable
ALTER TABLE "pipeline_run" ADD COLUMN     "recommendations" JSONB;

-- AlterTable
ALTER TABLE "run_segment" ADD COLUMN     "top_products" JSONB;

-- AlterTable
ALTER TABLE "run_customer" ADD COLUMN     "rec_because" INTEGER[],
ADD COLUMN     "rec_items" INTEGER[],
ADD COLUMN     "rec_scores" REAL[],
ADD COLUMN     "rec_source" SMALLINT;

-- CreateTable
CREATE TABLE "run_product" (
    "store_id" INTEGER NOT NULL,
    "run_id" INTEGER NOT NULL,
    "product_id" INTEGER NOT NULL,
    "together" INTEGER[],
    "together_scores" REAL[],
    "buyers" INTEGER NOT NULL,

    CONSTRAINT "run_product_pkey" PRIMARY KEY ("store_id","run_id","product_id")
);

-- CreateTable
CREATE TABLE "recommendation_settings" (
    "store_id" INTEGER NOT NULL,
    "excluded_categories" TEXT[],
    "excluded_products" INTEGER[],
    "boosted_categories" TEXT[],
    "boosted_products" INTEGER[],
    "boost" REAL NOT NULL DEFAULT 0.2,
    "diversity" REAL NOT NULL DEFAULT 0,
    "replenishable_categories" TEXT[],
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "recommendation_settings_pkey" PRIMARY KEY ("store_id")
);

-- AddForeignKey
ALTER TABLE "run_product" ADD CONSTRAINT "run_product_store_id_fkey" FOREIGN KEY ("store_id") REFERENCES "store"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "run_product" ADD CONSTRAINT "run_product_store_id_run_id_fkey" FOREIGN KEY ("store_id", "run_id") REFERENCES "pipeline_run"("store_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "recommendation_settings" ADD CONSTRAINT "recommendation_settings_store_id_fkey" FOREIGN KEY ("store_id") REFERENCES "store"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Added by hand: what Prisma's schema language cannot express here.
ALTER TABLE "run_product" ADD CONSTRAINT "run_product_store_id_product_id_fkey" FOREIGN KEY ("store_id", "product_id") REFERENCES "product"("store_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "recommendation_settings" ADD CONSTRAINT "recommendation_settings_boost_range" CHECK ("boost" BETWEEN 0 AND 1);
ALTER TABLE "recommendation_settings" ADD CONSTRAINT "recommendation_settings_diversity_range" CHECK ("diversity" BETWEEN 0 AND 1);
ALTER TABLE "run_customer" ADD CONSTRAINT "run_customer_rec_source_range" CHECK ("rec_source" BETWEEN 0 AND 2);
