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
-- may send p_max within any p_span_ms, and — if p_max2 is given — p_max2 within any p_span2_ms in lane
-- p_lane2 (the same lane when NULL). Two windows in one call, so that neither grant is wasted waiting for
-- the other: a group's one a second and 20 a minute; the readers' share and the free overall limit it
-- lies inside, or the free limit and the paid ceiling (grants count in both lanes). Lanes are locked in the
-- order given, always narrower first (readers, free, paid), so two callers never wait in a circle.
-- A grant may be used for p_ttl_ms after it is logged (the caller says how long it needs, given its own
-- round trips); it is logged at the end of that life ("at" in SendGrant is the last moment it may be
-- sent) and counts until a whole span after it, so that grants of any life add up correctly.
-- One call, one round trip; the lanes' row locks make concurrent callers take turns, and each statement of
-- a plpgsql function sees what the previous caller committed. Returns what was granted and, when nothing
-- was, how long to wait before asking again; and when, by the database's clock (ms since 1970), the grant
-- was made: its life starts there.
CREATE FUNCTION "habarshy_take_budget"(p_lane TEXT, p_want INTEGER, p_max INTEGER, p_span_ms INTEGER,
  p_max2 INTEGER DEFAULT NULL, p_span2_ms INTEGER DEFAULT NULL, p_lane2 TEXT DEFAULT NULL, p_ttl_ms INTEGER DEFAULT 0)
RETURNS TABLE ("granted" INTEGER, "waitMs" INTEGER, "grantedAt" DOUBLE PRECISION) LANGUAGE plpgsql AS $$
DECLARE
  v_lane2 TEXT := COALESCE(p_lane2, p_lane);
  v_paused TIMESTAMP(3);
  v_now TIMESTAMP(3);
  v_until TIMESTAMP(3);
  v_span INTERVAL := make_interval(secs => p_span_ms / 1000.0);
  v_span2 INTERVAL := make_interval(secs => COALESCE(p_span2_ms, 0) / 1000.0);
  v_used INTEGER;
  v_oldest TIMESTAMP(3);
  v_grant INTEGER;
BEGIN
  INSERT INTO "SendLane" ("lane") VALUES (p_lane) ON CONFLICT DO NOTHING;
  SELECT "pausedUntil" INTO v_paused FROM "SendLane" WHERE "lane" = p_lane FOR UPDATE;
  -- Only p_lane's pause counts: a 429 on paid broadcasts holds them, not the channel posts beside them.
  IF v_lane2 <> p_lane THEN
    INSERT INTO "SendLane" ("lane") VALUES (v_lane2) ON CONFLICT DO NOTHING;
    PERFORM 1 FROM "SendLane" WHERE "lane" = v_lane2 FOR UPDATE;
  END IF;
  v_now := clock_timestamp()::TIMESTAMP(3);
  IF v_paused IS NOT NULL AND v_paused > v_now THEN
    RETURN QUERY SELECT 0, CEIL(EXTRACT(EPOCH FROM (v_paused - v_now)) * 1000)::INTEGER, 0::DOUBLE PRECISION;
    RETURN;
  END IF;
  SELECT COALESCE(SUM("n"), 0), MIN("at") INTO v_used, v_oldest
    FROM "SendGrant" WHERE "lane" = p_lane AND "at" > v_now - v_span;
  IF v_used >= p_max THEN
    RETURN QUERY SELECT 0, GREATEST(1, CEIL(EXTRACT(EPOCH FROM (v_oldest + v_span - v_now)) * 1000)::INTEGER), 0::DOUBLE PRECISION;
    RETURN;
  END IF;
  v_grant := LEAST(p_want, p_max - v_used);
  IF p_max2 IS NOT NULL THEN
    SELECT COALESCE(SUM("n"), 0), MIN("at") INTO v_used, v_oldest
      FROM "SendGrant" WHERE "lane" = v_lane2 AND "at" > v_now - v_span2;
    IF v_used >= p_max2 THEN
      RETURN QUERY SELECT 0, GREATEST(1, CEIL(EXTRACT(EPOCH FROM (v_oldest + v_span2 - v_now)) * 1000)::INTEGER), 0::DOUBLE PRECISION;
      RETURN;
    END IF;
    v_grant := LEAST(v_grant, p_max2 - v_used);
  END IF;
  v_until := v_now + make_interval(secs => GREATEST(p_ttl_ms, 0) / 1000.0);
  INSERT INTO "SendGrant" ("lane", "at", "n") VALUES (p_lane, v_until, v_grant);
  IF v_lane2 <> p_lane THEN
    INSERT INTO "SendGrant" ("lane", "at", "n") VALUES (v_lane2, v_until, v_grant);
  END IF;
  IF random() < 0.02 THEN
    DELETE FROM "SendGrant" WHERE "lane" IN (p_lane, v_lane2) AND "at" < v_now - GREATEST(v_span, v_span2) - INTERVAL '10 seconds';
  END IF;
  RETURN QUERY SELECT v_grant, 0, (EXTRACT(EPOCH FROM v_now) * 1000)::DOUBLE PRECISION;
END
$$;
