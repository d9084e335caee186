import { DEFAULTS } from '../../defaults.js';
import type { NewProject, NewProjectSettings, Template } from '../template.js';
import app from './app.py.hbs';
import { detectFlask } from './detect-flask.js';
import gitignore from './gitignore.hbs';
import pyproject from './pyproject.toml.hbs';
import requirements from './requirements.txt.hbs';

/**
 * Flask and its dependencies, all pinned (pip installs exactly these; `pip freeze` of a fresh
 * `pip install Flask gunicorn`).
 */
export const FLASK_REQUIREMENTS = [
  { name: 'blinker', version: '1.9.0' },
  { name: 'click', version: '8.1.8' },
  { name: 'Flask', version: '3.1.1' },
  { name: 'gunicorn', version: '23.0.0' },
  { name: 'itsdangerous', version: '2.2.0' },
  { name: 'Jinja2', version: '3.1.6' },
  { name: 'MarkupSafe', version: '3.0.2' },
  { name: 'packaging', version: '25.0' },
  { name: 'Werkzeug', version: '3.1.3' },
] as const;

/** gunicorn, pinned, for an existing project that lacks a WSGI server. */
export const GUNICORN = 'gunicorn==23.0.0';

/**
 * Flask served by gunicorn: `app.py` with `/` and `/healthz`, its dependencies pinned in
 * requirements.txt (pip) or declared in pyproject.toml and locked by uv or Poetry.
 */
export const flask: Template = {
  name: 'flask',
  label: 'Flask',
  hint: 'Python, gunicorn; pip, uv or Poetry',
  description: 'A Flask app served by gunicorn',
  language: 'python',
  packageManagers: ['pip', 'uv', 'poetry'],
  defaultPort: DEFAULTS.flaskPort,
  newProject(settings: NewProjectSettings): NewProject {
    const source = {
      path: 'app.py',
      content: app({
        name: settings.name,
        greeting: `Hello from ${settings.name}!`,
        port: settings.port,
      }),
    };
    const pm = settings.python;
    const manifest =
      pm === 'pip'
        ? { path: 'requirements.txt', content: requirements({ requirements: FLASK_REQUIREMENTS }) }
        : {
            path: 'pyproject.toml',
            content: pyproject({
              name: settings.name,
              poetry: pm === 'poetry',
              dependencies:
                pm === 'poetry'
                  ? ['flask (>=3.1.1,<4)', 'gunicorn (>=23.0.0,<24)']
                  : ['flask>=3.1.1', 'gunicorn>=23.0.0'],
            }),
          };
    return {
      files: [source, manifest, { path: '.gitignore', content: gitignore({}) }],
      dependencies: pm === 'pip' ? [] : ['flask', 'gunicorn'],
      plan: {
        language: 'python',
        imageName: settings.imageName,
        port: settings.port,
        pythonVersion: settings.pythonVersion,
        packageManager: pm,
        requirements: 'requirements.txt',
        installFiles: [],
        extraPackages: [],
        command: undefined,
        app: 'app:app',
        poetryVersion: undefined,
        healthcheck: { http: '/healthz' },
      },
    };
  },
  detect: (dir, overrides, context) => detectFlask(dir, overrides, context),
};
