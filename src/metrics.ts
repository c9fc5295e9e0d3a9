// Prometheus metrics, one registry per app instance (tests start several apps in one process).
import { Counter, Histogram, Registry, collectDefaultMetrics, Gauge } from "prom-client";

export function createMetrics(options: { defaults?: boolean } = {}) {
  const registry = new Registry();
  let pending: () => Promise<number> = async () => 0;
  if (options.defaults) collectDefaultMetrics({ register: registry, prefix: "habarshy_" });
  return {
    registry,
    deliveries: new Counter({
      name: "habarshy_deliveries_total", help: "Channel post operations done, by action and outcome",
      labelNames: ["action", "outcome"] as const, registers: [registry],
    }),
    publishLatency: new Histogram({
      name: "habarshy_publish_latency_seconds", help: "From an article's arrival (or its publishAt) to its first channel post",
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300], registers: [registry],
    }),
    outboxPending: new Gauge({
      name: "habarshy_outbox_pending", help: "Channel posts, edits and withdrawals waiting to be done", registers: [registry],
      async collect() {
        this.set(await pending());
      },
    }),
    /** where the outbox gauge reads from (set once the database exists) */
    countPendingWith(source: () => Promise<number>) {
      pending = source;
    },
    feedPolls: new Counter({
      name: "habarshy_feed_polls_total", help: "Feed polls by outcome (ok, not_modified, error)",
      labelNames: ["outcome"] as const, registers: [registry],
    }),
    updates: new Counter({
      name: "habarshy_updates_total", help: "Telegram updates handled, by type", labelNames: ["type"] as const, registers: [registry],
    }),
    pollVotes: new Counter({
      name: "habarshy_poll_vote_updates_total", help: "poll and poll_answer updates applied", labelNames: ["type"] as const, registers: [registry],
    }),
    broadcastMessages: new Counter({
      name: "habarshy_broadcast_messages_total", help: "Readers' messages (alerts, digests, announcements) by kind and outcome",
      labelNames: ["kind", "outcome"] as const, registers: [registry],
    }),
    tips: new Counter({ name: "habarshy_tips_total", help: "Tips received", registers: [registry] }),
    httpRequests: new Counter({
      name: "habarshy_http_requests_total", help: "HTTP requests by route and status", labelNames: ["route", "status"] as const, registers: [registry],
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
