// @ts-check
// nginx installed with apt on Ubuntu, in the foreground (`daemon off;`) so the container lives
// as long as nginx does. One RUN updates the package lists, installs and removes the lists
// again, so no stale list is cached in a layer of its own.
//
//   node dockerfile.mjs [out-dir]     writes Dockerfile (default: here)
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { commands, dockerfile } from '@dockwright/sdk';

const text = dockerfile()
  // nginx's master process starts as root and runs its workers as www-data.
  .comment('hadolint ignore=dockwright/root-final-stage')
  .from('ubuntu:24.04')
  // Pinned package versions would break with every Ubuntu point release.
  .comment('hadolint ignore=DL3008')
  .run(
    commands(
      'apt-get update',
      'apt-get install -y --no-install-recommends nginx',
      'rm -rf /var/lib/apt/lists/*',
    ),
  )
  .copy('index.html', '/var/www/html/index.html')
  .expose(80)
  .cmd(['nginx', '-g', 'daemon off;'])
  .toString();

writeFileSync(join(process.argv[2] ?? import.meta.dirname, 'Dockerfile'), text);
