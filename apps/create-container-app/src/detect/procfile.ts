/**
 * The `web:` process of a Procfile (Heroku's format: `name: command` per line), or undefined.
 *
 * @example
 * ```ts
 * webProcess('release: flask db upgrade\nweb: gunicorn app:app --bind 0.0.0.0:$PORT\n')
 * // 'gunicorn app:app --bind 0.0.0.0:$PORT'
 * ```
 */
export function webProcess(procfile: string | undefined): string | undefined {
  if (procfile === undefined) return undefined;
  for (const line of procfile.split(/\r?\n/)) {
    const match = /^web:\s*(.+?)\s*$/.exec(line);
    if (match) return match[1];
  }
  return undefined;
}
