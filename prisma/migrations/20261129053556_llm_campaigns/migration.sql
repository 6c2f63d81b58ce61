-- AlterTable
ALTER TABLE "run_segment" ADD COLUMN     "ai_text" JSONB;

-- CreateTable
CREATE TABLE "llm_settings" (
    "store_id" INTEGER NOT NULL,
    "base_url" TEXT,
    "model" TEXT,
    "api_key_enc" TEXT,
    "timeout_seconds" INTEGER,
    "brand_description" TEXT NOT NULL DEFAULT '',
    "words_to_use" TEXT[],
    "words_to_avoid" TEXT[],
    "updated_by_id" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "llm_settings_pkey" PRIMARY KEY ("store_id")
);

-- CreateTable
CREATE TABLE "llm_call" (
    "store_id" INTEGER NOT NULL,
    "id" SERIAL NOT NULL,
    "purpose" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "prompt_tokens" INTEGER,
    "completion_tokens" INTEGER,
    "latency_ms" INTEGER NOT NULL,
    "first_token_ms" INTEGER,
    "outcome" TEXT NOT NULL,
    "error" TEXT,
    "user_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "llm_call_pkey" PRIMARY KEY ("store_id","id")
);

-- CreateTable
CREATE TABLE "campaign" (
    "store_id" INTEGER NOT NULL,
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "params" JSONB NOT NULL,
    "created_by_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "campaign_pkey" PRIMARY KEY ("store_id","id")
);

-- CreateTable
CREATE TABLE "campaign_draft" (
    "store_id" INTEGER NOT NULL,
    "id" SERIAL NOT NULL,
    "campaign_id" INTEGER NOT NULL,
    "variant" SMALLINT NOT NULL,
    "channel" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "title" TEXT,
    "preheader" TEXT,
    "body" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "error" TEXT,
    "model" TEXT,
    "problems" JSONB NOT NULL DEFAULT '[]',
    "trimmed" JSONB NOT NULL DEFAULT '[]',
    "params" JSONB NOT NULL,
    "translated_from_id" INTEGER,
    "created_by_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "edited_by_id" TEXT,
    "edited_at" TIMESTAMPTZ(3),

    CONSTRAINT "campaign_draft_pkey" PRIMARY KEY ("store_id","id")
);

-- CreateIndex
CREATE INDEX "llm_call_store_id_created_at_idx" ON "llm_call"("store_id", "created_at");

-- CreateIndex
CREATE INDEX "campaign_store_id_updated_at_idx" ON "campaign"("store_id", "updated_at");

-- CreateIndex
CREATE INDEX "campaign_draft_store_id_campaign_id_idx" ON "campaign_draft"("store_id", "campaign_id");

-- AddForeignKey
ALTER TABLE "llm_settings" ADD CONSTRAINT "llm_settings_store_id_fkey" FOREIGN KEY ("store_id") REFERENCES "store"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "llm_call" ADD CONSTRAINT "llm_call_store_id_fkey" FOREIGN KEY ("store_id") REFERENCES "store"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaign" ADD CONSTRAINT "campaign_store_id_fkey" FOREIGN KEY ("store_id") REFERENCES "store"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaign_draft" ADD CONSTRAINT "campaign_draft_store_id_fkey" FOREIGN KEY ("store_id") REFERENCES "store"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaign_draft" ADD CONSTRAINT "campaign_draft_store_id_campaign_id_fkey" FOREIGN KEY ("store_id", "campaign_id") REFERENCES "campaign"("store_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Added by hand: what Prisma's schema language cannot express here.
ALTER TABLE "llm_settings" ADD CONSTRAINT "llm_settings_updated_by_id_fkey" FOREIGN KEY ("updated_by_id") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "llm_settings" ADD CONSTRAINT "llm_settings_timeout_range" CHECK ("timeout_seconds" BETWEEN 5 AND 300);
ALTER TABLE "llm_call" ADD CONSTRAINT "llm_call_outcome_check" CHECK ("outcome" IN ('ok', 'error', 'aborted'));
ALTER TABLE "llm_call" ADD CONSTRAINT "llm_call_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "campaign" ADD CONSTRAINT "campaign_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "campaign_draft" ADD CONSTRAINT "campaign_draft_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "campaign_draft" ADD CONSTRAINT "campaign_draft_edited_by_id_fkey" FOREIGN KEY ("edited_by_id") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "campaign_draft" ADD CONSTRAINT "campaign_draft_translated_from_fkey" FOREIGN KEY ("store_id", "translated_from_id") REFERENCES "campaign_draft"("store_id", "id") ON DELETE SET NULL (translated_from_id);
ALTER TABLE "campaign_draft" ADD CONSTRAINT "campaign_draft_source_check" CHECK ("source" IN ('llm', 'offline', 'translation'));
ALTER TABLE "campaign_draft" ADD CONSTRAINT "campaign_draft_status_check" CHECK ("status" IN ('complete', 'partial', 'failed'));
ALTER TABLE "campaign_draft" ADD CONSTRAINT "campaign_draft_variant_range" CHECK ("variant" BETWEEN 0 AND 4);
