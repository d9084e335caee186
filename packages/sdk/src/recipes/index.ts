export type { NodeRecipe, NodeRecipeOptions } from './node.js';
export type {
  NodePackageManager,
  NodePackageManagerInfo,
} from './node-package-managers.js';
export type { PythonRecipeOptions } from './python.js';
export { recipes } from './recipes.js';
