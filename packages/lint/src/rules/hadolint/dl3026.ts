import { defineRule, hadolintUrl } from '../../define-rule.js';
import { firstFlag } from '../../internal/flags.js';
import { mountsOf } from '../../internal/views.js';
import { baseImage } from './shared.js';

const MESSAGE = 'Use only an allowed registry in the FROM image';

/**
 * DL3026: an image from a registry outside `trustedRegistries` (FROM, `COPY --from`, a
 * `RUN --mount` from an image). Earlier stages and `scratch` are always fine; an image without
 * a registry comes from Docker Hub (`docker.io`, `hub.docker.com`). Patterns: `*` (any),
 * `*.example.com`, `registry.*`. Nothing is reported while the list is empty.
 */
export const dl3026 = defineRule(
  {
    id: 'DL3026',
    source: 'hadolint',
    severity: 'error',
    description: 'Use only an allowed registry in the `FROM image`',
    url: hadolintUrl('DL3026'),
    keywords: ['FROM', 'COPY', 'RUN'],
    examples: {
      reported: {
        dockerfile: 'FROM quay.io/prometheus/busybox:latest\n',
        options: { trustedRegistries: ['docker.io', 'registry.example.com'] },
      },
      notReported: {
        dockerfile: 'FROM registry.example.com/base/python:3.12\n',
        options: { trustedRegistries: ['docker.io', 'registry.example.com'] },
      },
    },
  },
  (ctx, report) => {
    const allowed = ctx.options.trustedRegistries ?? [];
    if (allowed.length === 0) return;
    const aliases = new Set<string>();
    const registryAllowed = (registry: string): boolean =>
      allowed.some((pattern) => matchRegistry(pattern, registry));
    const ok = (registry: string | null, name: string): boolean => {
      if (aliases.has(name)) return true;
      if (registry !== null) return registryAllowed(registry);
      return (
        name === 'scratch' || registryAllowed('docker.io') || registryAllowed('hub.docker.com')
      );
    };
    // An image named in a flag: the first path part is the registry when it holds a `.`.
    const flagImageOk = (ref: string): boolean => {
      const slash = ref.indexOf('/');
      const first = slash < 0 ? '' : ref.slice(0, slash);
      return first.includes('.') ? ok(first, ref.slice(slash + 1)) : ok(null, ref);
    };
    for (const n of ctx.instructions) {
      if (n.keyword === 'FROM') {
        const from = baseImage(ctx, n);
        const good = ok(from.registry, from.name);
        if (from.alias !== null) aliases.add(from.alias);
        if (!good) report(n, MESSAGE);
      } else if (n.keyword === 'COPY') {
        const from = firstFlag(n, 'from')?.value;
        if (from !== undefined && from !== null && !flagImageOk(from)) report(n, MESSAGE);
      } else if (n.keyword === 'RUN') {
        const bad = mountsOf(ctx, n).some(
          (m) => (m.type === 'cache' || m.type === 'bind') && !flagImageOk(m.from ?? 'scratch'),
        );
        if (bad) report(n, MESSAGE);
      }
    }
  },
);

function matchRegistry(allow: string, registry: string): boolean {
  if (allow === '*') return true;
  if (allow.startsWith('*')) return registry.endsWith(allow.slice(1));
  if (allow.endsWith('*')) return registry.startsWith(allow.slice(0, -1));
  return registry === allow;
}
