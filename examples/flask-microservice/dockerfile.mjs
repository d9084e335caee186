// @ts-check
// A Flask microservice on port 8000. The requirements are copied and installed before the
// source, so editing app.py rebuilds only the last layers; pip's download cache lives in a
// cache mount, not in the image.
//
//   node dockerfile.mjs [out-dir]     writes Dockerfile and .dockerignore (default: here)
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dockerfile, dockerignore } from '@dockwright/sdk';

const text = dockerfile()
  .from('python:3.12-slim')
  .env('PYTHONUNBUFFERED', '1')
  .workdir('/app')
  .copy('requirements.txt', '.')
  .run('pip install -r requirements.txt', {
    mounts: [{ type: 'cache', target: '/root/.cache/pip' }],
  })
  .copy('.', '.')
  .user('65534:65534') // nobody, by id: the host resolves no names
  .expose(8000)
  .cmd(['gunicorn', '--bind', '0.0.0.0:8000', 'app:app'])
  .toString();

const ignore = dockerignore().add('__pycache__', '*.pyc', '.venv', '.git', 'Dockerfile').toString();

const out = process.argv[2] ?? import.meta.dirname;
writeFileSync(join(out, 'Dockerfile'), text);
writeFileSync(join(out, '.dockerignore'), ignore);
