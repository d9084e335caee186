/**
 * Splits an EXPOSE word like BuildKit's `splitParts`: `[ip:][hostPort:]containerPort[/proto]`.
 */
export function portParts(raw: string): {
  ip: string;
  hostPort: string;
  containerPort: string;
  proto: string;
} {
  const parts = raw.split(':');
  let ip = '';
  let hostPort = '';
  let container = raw;
  if (parts.length === 2) {
    hostPort = parts[0]!;
    container = parts[1]!;
  } else if (parts.length >= 3) {
    ip = parts.slice(0, -2).join(':');
    hostPort = parts[parts.length - 2]!;
    container = parts[parts.length - 1]!;
  }
  const slash = container.indexOf('/');
  const proto = slash >= 0 ? container.slice(slash + 1) : '';
  return { ip, hostPort, containerPort: slash >= 0 ? container.slice(0, slash) : container, proto };
}
