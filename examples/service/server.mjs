#!/usr/bin/env node
// The demo service Shipgate rolls out. One process per version; its faults are set by the
// release (service.json inside the artifact) or by env, so a version is healthy or faulty by build.
//   PORT (required)             where to listen (127.0.0.1)
//   SERVICE_VERSION             else SHIPGATE_VERSION, else "dev"
//   $SHIPGATE_ARTIFACT_DIR/service.json  { errorRate 0..1, latencyMs, baseLatencyMs }
//   FAULT_ERROR_RATE, FAULT_LATENCY_MS, BASE_LATENCY_MS   override the file
// Metrics (names are a contract: Prometheus queries and tests use them):
//   http_requests_total{version,code}, http_request_duration_seconds{version}
import http from 'node:http';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import client from 'prom-client';

const port = Number(process.env.PORT);
if (!Number.isInteger(port) || port <= 0 || port > 65535) {
  console.error('server.mjs: set PORT to the port to listen on (1-65535).');
  process.exit(2);
}
const version = process.env.SERVICE_VERSION || process.env.SHIPGATE_VERSION || 'dev';

/**
 * The build packages `out/**`, so the unpacked artifact may hold service.json one folder down:
 * look at the top first, then in its immediate subfolders.
 */
function findConfigFile(dir) {
  if (!dir) return null;
  const top = path.join(dir, 'service.json');
  if (existsSync(top)) return top;
  try {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (!entry.isDirectory()) continue;
      const nested = path.join(dir, entry.name, 'service.json');
      if (existsSync(nested)) return nested;
    }
  } catch {
    // an unreadable artifact dir means no file config
  }
  return null;
}

function readConfig() {
  const config = { errorRate: 0, latencyMs: 0, baseLatencyMs: null };
  const file = findConfigFile(process.env.SHIPGATE_ARTIFACT_DIR);
  if (file) {
    try {
      const parsed = JSON.parse(readFileSync(file, 'utf8'));
      for (const key of ['errorRate', 'latencyMs', 'baseLatencyMs']) {
        if (typeof parsed[key] === 'number' && Number.isFinite(parsed[key])) config[key] = parsed[key];
      }
    } catch (err) {
      console.error(`server.mjs: ignoring ${file}: ${err.message}`);
    }
  }
  const fromEnv = (name) => {
    const raw = process.env[name];
    if (raw === undefined || raw.trim() === '') return undefined;
    const n = Number(raw);
    return Number.isFinite(n) ? n : undefined;
  };
  config.errorRate = fromEnv('FAULT_ERROR_RATE') ?? config.errorRate;
  config.latencyMs = fromEnv('FAULT_LATENCY_MS') ?? config.latencyMs;
  config.baseLatencyMs = fromEnv('BASE_LATENCY_MS') ?? config.baseLatencyMs;
  config.errorRate = Math.min(1, Math.max(0, config.errorRate));
  config.latencyMs = Math.max(0, config.latencyMs);
  return config;
}

const config = readConfig();
const register = new client.Registry();
const requests = new client.Counter({
  name: 'http_requests_total',
  help: 'HTTP requests served, by version and status code.',
  labelNames: ['version', 'code'],
  registers: [register]
});
const duration = new client.Histogram({
  name: 'http_request_duration_seconds',
  help: 'Time to answer an HTTP request, by version.',
  labelNames: ['version'],
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  registers: [register]
});

// A real service takes a few ms; without this, canary and stable latencies would be all zeros.
const baseLatency = () => config.baseLatencyMs ?? 2 + Math.random() * 6;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const server = http.createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname === '/healthz') {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('ok\n');
    return;
  }
  if (url.pathname === '/metrics') {
    try {
      const text = await register.metrics();
      res.writeHead(200, { 'content-type': register.contentType });
      res.end(text);
    } catch (err) {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`metrics failed: ${err.message}\n`);
    }
    return;
  }
  const started = process.hrtime.bigint();
  await sleep(baseLatency() + config.latencyMs);
  let code;
  if (Math.random() < config.errorRate) {
    code = 500;
    res.writeHead(500, { 'content-type': 'text/plain' });
    res.end(`injected fault in ${version}`);
  } else {
    code = 200;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ version, path: url.pathname }));
  }
  requests.inc({ version, code: String(code) });
  duration.observe({ version }, Number(process.hrtime.bigint() - started) / 1e9);
});

server.keepAliveTimeout = 5000;
server.listen(port, '127.0.0.1', () => {
  console.log(`demo service ${version} listening on 127.0.0.1:${port} (error rate ${config.errorRate}, added latency ${config.latencyMs} ms)`);
});

let stopping = false;
function stop(signal) {
  if (stopping) return;
  stopping = true;
  console.log(`demo service ${version}: ${signal}, shutting down`);
  server.close(() => process.exit(0));
  server.closeAllConnections?.();
  // Idle keep-alive sockets must not hold the exit up.
  setTimeout(() => process.exit(0), 2000).unref();
}
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));
