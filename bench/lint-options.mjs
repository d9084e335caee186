// The lint options the lint benches run with: every rule on (the off-by-default and experimental
// ones enabled, a registry list and a label schema so DL3026 and the label rules work).
export const everyRule = {
  rules: { DL1001: 'info', DL3057: 'info' },
  buildkitCheck: 'experimental=all',
  trustedRegistries: ['docker.io', 'registry.example.com'],
  labelSchema: {
    'org.opencontainers.image.source': 'url',
    'org.opencontainers.image.authors': 'email',
    'org.opencontainers.image.version': 'semver',
  },
  strictLabels: true,
};
