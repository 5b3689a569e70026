// The quick tour, written against the types openapi-typescript generates from the live document (modelops.d.ts):
// what a TypeScript consumer writes. Run as `node out/tour.js <base URL>`; prints one line per step.
import type { components, paths } from "./modelops";

/** The little of Node.js the tour uses, declared rather than installed (@types/node). */
declare const process: { argv: string[]; exitCode?: number };

type Schemas = components["schemas"];
type HistoryQuery = NonNullable<paths["/api/v1/models/{id}/metrics/history"]["get"]["parameters"]["query"]>;
type AlertQuery = NonNullable<paths["/api/v1/models/{id}/alerts"]["get"]["parameters"]["query"]>;

const base = process.argv[2].replace(/\/$/, "");

async function call<T>(method: string, path: string, body?: unknown, contentType = "application/json"): Promise<T> {
  const init: RequestInit = { method };
  if (body !== undefined) {
    init.headers = { "content-type": contentType };
    init.body = typeof body === "string" ? body : JSON.stringify(body);
  }
  const response = await fetch(base + path, init);
  const type = response.headers.get("content-type") ?? "";
  if (!response.ok) {
    const problem = (await response.json()) as Schemas["ProblemDetails"];
    throw new Error(`${method} ${path}: ${response.status} ${problem.detail ?? ""}`);
  }
  if (response.status === 204) {
    return undefined as T;
  }
  return (type.includes("json") ? await response.json() : await response.text()) as T;
}

/** A prediction, label or feature value: any JSON value but an object or an array. */
function scalar(value: unknown): string {
  if (value === null || value === undefined) {
    return "null";
  }
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
    return String(value);
  }
  throw new Error(`not a scalar: ${JSON.stringify(value)}`);
}

async function main(): Promise<string[]> {
  const said: string[] = [];
  const model = "/api/v1/models/ts-tour";

  const definition: Schemas["ModelDefinition"] = {
    name: "TypeScript tour",
    version: "1.0",
    task: "classification",
    features: [{ name: "amount", type: "numeric" }, { name: "country", type: "categorical" }],
  };
  const created = await call<Schemas["ModelView"]>("PUT", model, definition);
  said.push(`model ${created.id} ${created.task} ${created.status}`);

  const baseline: Schemas["BaselineBody"] = {
    rows: Array.from({ length: 20 }, (_, i) => ({ amount: i, country: i % 2 === 0 ? "DE" : "FR" })),
  };
  const summary = await call<Schemas["BaselineSummary"]>("PUT", `${model}/baseline`, baseline);
  said.push(`baseline ${summary.count} ${summary.source}`);

  const batch: Schemas["EventBatch"] = {
    events: Array.from({ length: 4 }, (_, i): Schemas["InferenceEvent"] => ({
      id: `req-${i}`,
      latencyMs: 10 + i,
      prediction: "fraud",
      label: i % 2 === 0 ? "fraud" : "legit",
      features: { amount: i === 3 ? null : i, country: "DE" },
    })),
  };
  const ingest = await call<Schemas["IngestResult"]>("POST", `${model}/events?durable=true`, batch);
  said.push(`ingest ${ingest.accepted}`);

  const metrics = await call<Schemas["MetricsSnapshot"]>("GET", `${model}/metrics`);
  said.push(`metrics ${metrics.count} ${metrics.accuracy} ${metrics.labelCount}`);
  const historyQuery: HistoryQuery = { step: "1s" };
  const history = await call<Schemas["MetricsHistory"]>("GET", `${model}/metrics/history?${new URLSearchParams(historyQuery)}`);
  said.push(`history ${history.step} ${history.points.reduce((sum, point) => sum + point.count, 0)}`);
  const logs = await call<Schemas["InferenceEvent"][]>("GET", `${model}/logs?limit=10`);
  const latest = logs[0];
  said.push(`logs ${logs.length} ${latest.id} ${scalar(latest.prediction)} ${scalar(latest.label)} ${scalar(latest.features?.country)} ${scalar(latest.features?.amount)}`);
  const drift = await call<Schemas["DriftReport"]>("GET", `${model}/drift`);
  said.push(`drift ${drift.baseline?.count} ${drift.features.map(feature => `${feature.name}:${feature.method}`).join(",")}`);

  const rules: Schemas["AlertRuleSet"] = {
    rules: [{ id: "accuracy-low", metric: "accuracy", op: "<", threshold: 0.1, for: "1m", severity: "critical" }],
  };
  const applied = await call<Schemas["AlertRuleSet"]>("PUT", `${model}/rules`, rules);
  said.push(`rules ${applied.rules.map(rule => `${rule.id} ${rule.op} ${rule.for}`).join(",")}`);
  const state: AlertQuery["state"] = "firing";
  const alerts = await call<Schemas["AlertView"][]>("GET", `${model}/alerts?state=${state}`);
  const fleet = await call<Schemas["AlertView"][]>("GET", `/api/v1/alerts?state=firing&limit=10`);
  said.push(`alerts ${alerts.length} ${fleet.filter(alert => alert.modelId === "ts-tour").length}`);

  const yaml = await call<string>("GET", `${model}/config?format=modelops`);
  const appliedYaml = await call<string>("PUT", `${model}/config`, yaml.replace("name: TypeScript tour", "name: TypeScript tour from YAML"), "application/yaml");
  const renamed = await call<Schemas["ModelView"]>("GET", model);
  said.push(`config ${yaml.includes("id: ts-tour")} ${appliedYaml.includes("name: TypeScript tour from YAML")} ${renamed.name}`);

  const hook: Schemas["NotificationChannel"] = { type: "webhook", url: "http://hooks.invalid/ts", models: ["ts-tour"] };
  const channel = await call<Schemas["NotificationChannel"]>("PUT", "/api/v1/channels/ts-hook", hook);
  const channels = await call<Schemas["NotificationChannel"][]>("GET", "/api/v1/channels");
  said.push(`channel ${channel.id} ${channel.type} ${channels.filter(c => c.id === "ts-hook").length}`);
  const request: Schemas["Silence"] = { matchers: { modelId: "ts-tour" }, endsAt: new Date(Date.now() + 3_600_000).toISOString(), comment: "ts" };
  const silence = await call<Schemas["Silence"]>("POST", "/api/v1/silences", request);
  const silences = await call<Schemas["Silence"][]>("GET", "/api/v1/silences");
  said.push(`silence ${silence.matchers?.modelId} ${silences.filter(s => s.id === silence.id).length}`);
  await call<void>("DELETE", `/api/v1/silences/${silence.id}`);
  await call<void>("DELETE", "/api/v1/channels/ts-hook");
  await call<void>("DELETE", model);
  const models = await call<Schemas["ModelView"][]>("GET", "/api/v1/models");
  said.push(`deleted ${models.filter(m => m.id === "ts-tour").length}`);
  return said;
}

main().then(
  said => console.log(said.join("\n")),
  error => {
    console.error(error);
    process.exitCode = 1;
  });
