/** hadolint's root test for USER: `root`, `0`, or either with a group. */
export function isRootUser(user: string): boolean {
  return user === 'root' || user === '0' || user.startsWith('root:') || user.startsWith('0:');
}
