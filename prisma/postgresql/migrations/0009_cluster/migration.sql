-- CreateTable
CREATE TABLE "JobRun" (
    "name" TEXT NOT NULL,
    "tick" TIMESTAMP(3) NOT NULL,
    "instance" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "JobRun_pkey" PRIMARY KEY ("name","tick")
);

-- CreateTable
CREATE TABLE "HandledUpdate" (
    "updateId" BIGINT NOT NULL,
    "handledAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "HandledUpdate_pkey" PRIMARY KEY ("updateId")
);

-- CreateTable
CREATE TABLE "SendLane" (
    "lane" TEXT NOT NULL,
    "pausedUntil" TIMESTAMP(3),

    CONSTRAINT "SendLane_pkey" PRIMARY KEY ("lane")
);

-- CreateTable
CREATE TABLE "SendGrant" (
    "id" SERIAL NOT NULL,
    "lane" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "n" INTEGER NOT NULL,

    CONSTRAINT "SendGrant_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "JobRun_tick_idx" ON "JobRun"("tick");

-- CreateIndex
CREATE INDEX "HandledUpdate_handledAt_idx" ON "HandledUpdate"("handledAt");

-- CreateIndex
CREATE INDEX "SendGrant_lane_at_idx" ON "SendGrant"("lane", "at");


-- A shared send budget (decision 010): grants up to p_want messages from a lane whose instances together
-- may send p_max within any p_span_ms. One call, one round trip; the lane's row lock makes concurrent
-- callers take turns, and each statement of a plpgsql function sees what the previous caller committed.
-- Returns what was granted and, when nothing was, how long to wait before asking again.
CREATE FUNCTION "habarshy_take_budget"(p_lane TEXT, p_want INTEGER, p_max INTEGER, p_span_ms INTEGER)
RETURNS TABLE ("granted" INTEGER, "waitMs" INTEGER) LANGUAGE plpgsql AS $$
DECLARE
  v_paused TIMESTAMP(3);
  v_now TIMESTAMP(3);
  v_span INTERVAL := make_interval(secs => p_span_ms / 1000.0);
  v_used INTEGER;
  v_oldest TIMESTAMP(3);
  v_grant INTEGER;
BEGIN
  INSERT INTO "SendLane" ("lane") VALUES (p_lane) ON CONFLICT DO NOTHING;
  SELECT "pausedUntil" INTO v_paused FROM "SendLane" WHERE "lane" = p_lane FOR UPDATE;
  v_now := clock_timestamp()::TIMESTAMP(3);
  IF v_paused IS NOT NULL AND v_paused > v_now THEN
    RETURN QUERY SELECT 0, CEIL(EXTRACT(EPOCH FROM (v_paused - v_now)) * 1000)::INTEGER;
    RETURN;
  END IF;
  SELECT COALESCE(SUM("n"), 0), MIN("at") INTO v_used, v_oldest
    FROM "SendGrant" WHERE "lane" = p_lane AND "at" > v_now - v_span;
  IF v_used >= p_max THEN
    RETURN QUERY SELECT 0, GREATEST(1, CEIL(EXTRACT(EPOCH FROM (v_oldest + v_span - v_now)) * 1000)::INTEGER);
    RETURN;
  END IF;
  v_grant := LEAST(p_want, p_max - v_used);
  INSERT INTO "SendGrant" ("lane", "at", "n") VALUES (p_lane, v_now, v_grant);
  IF random() < 0.02 THEN
    DELETE FROM "SendGrant" WHERE "lane" = p_lane AND "at" < v_now - v_span - INTERVAL '10 seconds';
  END IF;
  RETURN QUERY SELECT v_grant, 0;
END
$$;
