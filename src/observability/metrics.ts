import { Counter, Histogram, Registry, collectDefaultMetrics } from "prom-client";

/** Prometheus metrics for operators; served at /metrics. One registry per process. */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry });
// prom-client also exports these as *gauges* named `_total`, which Prometheus reserves for
// counters (`promtool check metrics` refuses them). Each is the sum of the per-type gauge of
// the same name without `_total` (`sum(nodejs_active_handles)`), so nothing is lost.
for (const name of ["nodejs_active_handles_total", "nodejs_active_requests_total", "nodejs_active_resources_total"]) {
  metricsRegistry.removeSingleMetric(name);
}

export const messagesSent = new Counter({
  name: "netwerkbot_messages_sent_total",
  help: "Outbox messages delivered, by platform and kind",
  labelNames: ["platform", "kind"] as const,
  registers: [metricsRegistry],
});

export const messagesFailed = new Counter({
  name: "netwerkbot_messages_failed_total",
  help: "Outbox delivery attempts that failed, by platform and whether the message is now dead",
  labelNames: ["platform", "dead"] as const,
  registers: [metricsRegistry],
});

export const commandsHandled = new Counter({
  name: "netwerkbot_commands_handled_total",
  help: "Commands, button actions and form submissions handled, by platform and outcome",
  labelNames: ["platform", "kind", "outcome"] as const,
  registers: [metricsRegistry],
});

export const refusedBusy = new Counter({
  name: "netwerkbot_requests_refused_busy_total",
  help: "Requests answered 'busy, try again' because the instance had MAX_REQUESTS_IN_FLIGHT running, by platform",
  labelNames: ["platform"] as const,
  registers: [metricsRegistry],
});

export const commandLatency = new Histogram({
  name: "netwerkbot_command_duration_seconds",
  help: "Time from receiving a command to having its answer, by platform",
  labelNames: ["platform"] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  registers: [metricsRegistry],
});
