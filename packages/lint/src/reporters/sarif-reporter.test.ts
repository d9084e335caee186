import { describe, expect, it } from 'vitest';
import { lint } from '../lint.js';
import { formatSarif } from './sarif-reporter.js';
import { STDIN_NAME } from './stdin-name.js';

const text = 'FROM alpine:3.20 AS Build\nUSER app\n';

function uris(file: string): string[] {
  const log = JSON.parse(formatSarif([{ file, text, findings: lint(text) }]));
  return log.runs[0].results.map(
    (r: { locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }) =>
      r.locations[0]?.physicalLocation.artifactLocation.uri,
  );
}

describe('formatSarif', () => {
  it.each([
    [STDIN_NAME, 'stdin'],
    ['web/Dockerfile', 'web/Dockerfile'],
    ['web\\Dockerfile', 'web/Dockerfile'],
    ['my app/Dockerfile #1', 'my%20app/Dockerfile%20%231'],
  ])('gives %j the artifact URI %j', (file, uri) => {
    const found = uris(file);
    expect(found.length).toBeGreaterThan(0);
    for (const u of found) expect(u).toBe(uri);
  });
});
