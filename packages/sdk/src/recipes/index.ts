export type { HealthProbe } from './health-probe.js';
export type { NodeRecipe, NodeRecipeOptions } from './node.js';
export type {
  NodePackageManager,
  NodePackageManagerInfo,
} from './node-package-managers.js';
export type { PythonPackageManager, PythonRecipeOptions } from './python.js';
export { recipes } from './recipes.js';
