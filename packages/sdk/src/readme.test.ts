import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { emit } from '../test/check.js';
import { arg, commands, dockerfile } from './index.js';

describe('README', () => {
  it('the tour prints the Dockerfile the README shows', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const shown = /```dockerfile\n([\s\S]*?)```/.exec(readme)![1];
    const nodeVersion = arg('NODE_VERSION', '22');
    const build = dockerfile()
      .arg(nodeVersion)
      .from(`node:${nodeVersion}-slim`, { as: 'build' })
      .workdir('/app')
      .run('npm ci', {
        mounts: [
          { type: 'bind', source: 'package.json', target: 'package.json' },
          { type: 'cache', target: '/root/.npm' },
        ],
      })
      .copy('.', '.')
      .run(commands('npm run build', 'npm prune --omit=dev'));
    const text = emit(
      build
        .from('node:22-slim', { as: 'runtime' })
        .env('NODE_ENV', 'production')
        .copy('/app/dist', './dist/', { from: build.stage, chown: 'node:node' })
        .user('node')
        .expose(3000)
        .healthcheck(['node', 'healthcheck.js'], { interval: '30s', retries: 3 })
        .cmd(['node', 'dist/server.js']),
    );
    expect(text).toBe(shown);
  });
});
