/**
 * The greeting the server answers with.
 * @param {string} name
 * @returns {string}
 */
export function greeting(name) {
  return `Hello, ${name.trim() || 'stranger'}!`;
}
