#!/usr/bin/env node
// The demo service's "build": writes the release folder the build action packages. The fault
// settings travel inside the artifact (service.json), so a version is healthy or faulty by build.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const out = path.resolve(process.argv[2] ?? 'out');
mkdirSync(out, { recursive: true });
const config = {
  version: process.env.SHIPGATE_VERSION ?? 'dev',
  errorRate: Number(process.env.DEMO_ERROR_RATE ?? 0),
  latencyMs: Number(process.env.DEMO_LATENCY_MS ?? 0)
};
writeFileSync(path.join(out, 'service.json'), JSON.stringify(config, null, 2) + '\n');
writeFileSync(path.join(out, 'RELEASE'), `${config.version}\n`);
console.log(`built ${config.version}: error rate ${config.errorRate}, added latency ${config.latencyMs} ms`);
