// @ts-check
// One config, many Dockerfiles: services.json lists the services; each runtime is one
// function from a service's settings to a builder, so every service of a runtime gets the same
// conventions (slim base, non-root user, PORT in the environment, exec-form CMD).
//
//   node generate.mjs [out-dir]     writes <out-dir>/services/<name>/Dockerfile (default: here)
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dockerfile } from '@dockwright/sdk';

/**
 * @typedef {{ name: string, runtime: 'python' | 'node', port: number, version?: string,
 *   entry?: string }} Service
 */

/** @type {Record<Service['runtime'], (service: Service) => { toString(): string }>} */
const runtimes = {
  python: (s) =>
    dockerfile()
      .from(`python:${s.version ?? '3.12'}-slim`)
      .env('PYTHONUNBUFFERED', '1')
      .env('PORT', String(s.port))
      .workdir('/app')
      .copy('.', '.')
      .user('65534:65534') // nobody
      .expose(s.port)
      .cmd(['python', s.entry ?? 'app.py']),
  node: (s) =>
    dockerfile()
      .from(`node:${s.version ?? '22'}-slim`)
      .env('NODE_ENV', 'production')
      .env('PORT', String(s.port))
      .workdir('/app')
      .copy('.', '.')
      .user('1000:1000') // node
      .expose(s.port)
      .cmd(['node', s.entry ?? 'server.js']),
};

/** @type {{ services: Service[] }} */
const config = JSON.parse(readFileSync(join(import.meta.dirname, 'services.json'), 'utf8'));
const out = process.argv[2] ?? import.meta.dirname;
for (const service of config.services) {
  const dir = join(out, 'services', service.name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'Dockerfile'), runtimes[service.runtime](service).toString());
  console.log(`services/${service.name}/Dockerfile`);
}
