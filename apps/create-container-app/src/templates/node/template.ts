import { DEFAULTS } from '../../defaults.js';
import type { NewProject, NewProjectSettings, Template } from '../template.js';
import { detectNode } from './detect-node.js';
import { EXPRESS_RANGE, newNodePlan, nodeProjectFiles } from './node-project.js';
import server from './server.js.hbs';

/** An Express server in plain JavaScript: `server.js` with `/` and `/healthz`. */
export const node: Template = {
  name: 'node',
  label: 'Node',
  hint: 'Express in JavaScript; npm, pnpm or Yarn',
  description: 'An Express server in JavaScript',
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
          scripts: { start: 'node server.js', dev: 'node --watch server.js' },
          dependencies: { express: EXPRESS_RANGE },
        }),
        {
          path: 'server.js',
          content: server({
            name: settings.name,
            greeting: `Hello from ${settings.name}!`,
            port: settings.port,
          }),
        },
      ],
      dependencies: ['express'],
      plan: newNodePlan(settings, { entry: 'server.js' }),
    };
  },
  detect: (dir, overrides, context) =>
    detectNode(dir, overrides, { typescript: false, imageName: context.imageName }),
};
