import type { ContainerPlan } from '../container/container-plan.js';
import type { Detection, DetectOverrides } from '../detect/detection.js';
import type { ProjectDir } from '../detect/project-dir.js';
import type {
  NodePackageManagerChoice,
  PackageManagerName,
  PythonPackageManagerName,
} from '../package-managers.js';
import type { ProjectFile } from '../write/staged-project.js';

export type Language = 'python' | 'node';

/** Everything a new project's files depend on, resolved from flags, prompts and defaults. */
export interface NewProjectSettings {
  /** The package name (the target directory's name), valid by npm's rules. */
  readonly name: string;
  /** The Docker image and Compose service name derived from it. */
  readonly imageName: string;
  readonly port: number;
  readonly pythonVersion: string;
  readonly nodeVersion: string;
  readonly python: PythonPackageManagerName;
  readonly node: NodePackageManagerChoice;
}

/** A new project: its own files (the container files are added from `plan`) and its lockfile. */
export interface NewProject {
  readonly files: readonly ProjectFile[];
  readonly plan: ContainerPlan;
  /** The dependencies the lockfile must name (to tell a complete lockfile from a cut-off one). */
  readonly dependencies: readonly string[];
}

/**
 * One template: everything about a kind of project in one place, so a new template is one
 * folder under `src/templates/` and one line in `src/templates/index.ts`:
 * - the choice as prompts, `--help` and `--template` show it (name, label, hint);
 * - its questions and flags: the language decides the version flag (`--python-version` or
 *   `--node-version`), `packageManagers` the `--package-manager` choices (the first is the
 *   default), `defaultPort` the `--port` default;
 * - its files and container plan for a new project;
 * - how it recognises an existing project (`--existing`).
 */
export interface Template {
  readonly name: string;
  readonly label: string;
  readonly hint: string;
  /** The first words of a new project's README: what the project is. */
  readonly description: string;
  readonly language: Language;
  readonly packageManagers: readonly PackageManagerName[];
  readonly defaultPort: number;
  /** The files and container plan of a new project. */
  newProject(settings: NewProjectSettings): NewProject;
  /**
   * Whether this template describes the project in `dir` (`--existing`): undefined when it
   * does not, else what was found, or why it cannot be containerised well.
   */
  detect(
    dir: ProjectDir,
    overrides: DetectOverrides,
    context: { readonly imageName: string },
  ): Detection | undefined;
}
