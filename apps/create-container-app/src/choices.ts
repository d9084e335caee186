/**
 * The templates and package managers, as one `as const` list each: they feed the prompts, the
 * flag validation, `--help` and the types (the create-t3-app pattern).
 */
export const TEMPLATES = [
  { value: 'flask', label: 'Flask', hint: 'Python, gunicorn, venv in a builder stage' },
  { value: 'node', label: 'Node', hint: 'Express, production dependencies in their own stage' },
] as const;

export type TemplateName = (typeof TEMPLATES)[number]['value'];

export const PACKAGE_MANAGERS = ['npm', 'pnpm', 'yarn'] as const;

export type PackageManagerName = (typeof PACKAGE_MANAGERS)[number];

/** Defaults shown in `--help` and used when a flag is absent. */
export const DEFAULTS = {
  flaskPort: 8000,
  nodePort: 3000,
  pythonVersion: '3.12',
  nodeVersion: '22',
  /** The README's `--build-arg` example when the default is chosen (an existing, newer image). */
  pythonExampleVersion: '3.13',
  nodeExampleVersion: '24',
  /** Pinned through `packageManager` (corepack) when nothing better is known. */
  pnpmVersion: '10.34.8',
  /** The last yarn 1 release: the Dockerfile uses yarn 1's `--frozen-lockfile --production`. */
  yarnVersion: '1.22.22',
} as const;

export function isTemplateName(value: string): value is TemplateName {
  return TEMPLATES.some((t) => t.value === value);
}

export function isPackageManagerName(value: string): value is PackageManagerName {
  return (PACKAGE_MANAGERS as readonly string[]).includes(value);
}
