import { type DockerignoreBuilder, dockerignore } from '../dockerignore.js';

/**
 * The `.dockerignore` every recipe writes around its stack's own patterns: first the comment,
 * then `stack` (dependencies, caches, build output of that language), then what no stack sends
 * to the builder: secrets, the container files themselves, and documents and editor settings,
 * so editing them rebuilds no layer.
 */
export function contextIgnores(
  stack: (builder: DockerignoreBuilder) => DockerignoreBuilder,
): DockerignoreBuilder {
  return stack(
    dockerignore().comment(
      'Not sent to the builder: keeps the context small and COPY . free of local state.',
    ),
  )
    .add('.env', '.env.*')
    .add(
      'Dockerfile*',
      '.dockerignore',
      'compose.y*ml',
      'compose.*.y*ml',
      'docker-compose.y*ml',
      'docker-compose.*.y*ml',
    )
    .comment('Documents and editor settings at the top: editing them rebuilds no layer.')
    .add('*.md', '.gitignore', '.gitattributes', '.editorconfig', '.github', '.vscode', '.idea');
}
