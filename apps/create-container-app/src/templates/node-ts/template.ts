import { DEFAULTS } from '../../defaults.js';
import { detectNode } from '../node/detect-node.js';
import { EXPRESS_RANGE, newNodePlan, nodeProjectFiles } from '../node/node-project.js';
import type { NewProject, NewProjectSettings, Template } from '../template.js';
import server from './server.ts.hbs';

/** The compiler and types, as ranges (the lockfile pins the exact tree). */
export const TYPESCRIPT_DEV_DEPENDENCIES = {
  '@types/express': '^5.0.6',
  '@types/node': '^22.20.7',
  typescript: '^7.0.2',
} as const;

/** tsconfig.json: Node's own module system, strict, src/ compiled to dist/. */
const TSCONFIG = {
  compilerOptions: {
    target: 'es2023',
    module: 'nodenext',
    moduleResolution: 'nodenext',
    rootDir: 'src',
    outDir: 'dist',
    strict: true,
    esModuleInterop: true,
    skipLibCheck: true,
    sourceMap: true,
  },
  include: ['src'],
};

/**
 * An Express server in TypeScript: src/server.ts compiled by `tsc` in the image's build stage;
 * the runtime image holds dist/ and the production dependencies only.
 */
export const nodeTs: Template = {
  name: 'node-ts',
  label: 'Node + TypeScript',
  hint: 'Express in TypeScript, compiled in a build stage; npm, pnpm or Yarn',
  description: 'An Express server in TypeScript',
  language: 'node',
  packageManagers: ['npm', 'pnpm', 'yarn'],
  defaultPort: DEFAULTS.nodePort,
  newProject(settings: NewProjectSettings): NewProject {
    const pm = settings.node;
    return {
      files: [
        ...nodeProjectFiles({
          name: settings.name,
          pm,
          scripts: { build: 'tsc', start: 'node dist/server.js', typecheck: 'tsc --noEmit' },
          dependencies: { express: EXPRESS_RANGE },
          devDependencies: TYPESCRIPT_DEV_DEPENDENCIES,
        }),
        { path: 'tsconfig.json', content: `${JSON.stringify(TSCONFIG, null, 2)}\n` },
        {
          path: 'src/server.ts',
          content: server({
            name: settings.name,
            greeting: `Hello from ${settings.name}!`,
            port: settings.port,
          }),
        },
      ],
      dependencies: ['express', ...Object.keys(TYPESCRIPT_DEV_DEPENDENCIES)],
      plan: newNodePlan(settings, {
        entry: 'dist/server.js',
        build: { script: 'build', output: 'dist', runtimeFiles: [] },
      }),
    };
  },
  detect: (dir, overrides, context) =>
    detectNode(dir, overrides, { typescript: true, imageName: context.imageName }),
};
