import type { EscapeChar, InstructionNode } from '../tree/nodes.js';
import { unquote } from './unquote.js';
import type { ExposeView, PortSpec } from './view-types.js';

/**
 * EXPOSE: every word as a port or range with its protocol. Words holding a variable keep
 * null numbers (they are only known at build time).
 *
 * @example
 * ```ts
 * viewExpose(parse('EXPOSE 80 8000-8010/udp $PORT').children[0]).ports
 * // [{ raw: '80', start: 80, end: 80, protocol: 'tcp', … },
 * //  { raw: '8000-8010/udp', start: 8000, end: 8010, protocol: 'udp', … },
 * //  { raw: '$PORT', start: null, end: null, protocol: 'tcp', … }]
 * ```
 */
export function viewExpose(node: InstructionNode, escapeChar: EscapeChar = '\\'): ExposeView {
  return { keyword: 'EXPOSE', ports: node.args.map((word) => portSpec(word, escapeChar)) };
}

function portSpec(raw: string, escapeChar: EscapeChar): PortSpec {
  const result = parsePort(unquote(raw, escapeChar));
  if ('error' in result || raw.indexOf('$') >= 0) {
    const slash = raw.indexOf('/');
    const after = slash >= 0 ? raw.slice(slash + 1) : null;
    const written = after !== null && after.indexOf('$') < 0 ? after : null;
    return {
      raw,
      start: null,
      end: null,
      hostIp: null,
      hostPort: null,
      protocol: written === null || written === '' ? 'tcp' : written.toLowerCase(),
      protocolAsWritten: written === '' ? null : written,
    };
  }
  return { ...result.port, raw };
}

/**
 * One EXPOSE port as BuildKit's `dockerfile2llb` `parsePort` reads it after expansion:
 * `[[ip:]host:]port[-end][/proto]`, protocol tcp, udp or sctp (any case), ports 0–65535.
 * Errors use BuildKit's wording (`invalid proto: x`, `invalid containerPort: x`, …).
 *
 * @example
 * ```ts
 * parsePort('8080/TCP') // { port: { start: 8080, end: 8080, protocol: 'tcp', protocolAsWritten: 'TCP', … } }
 * parsePort('80/xyz') // { error: 'invalid port: "80/xyz": invalid proto: xyz' }
 * ```
 */
export function parsePort(rawPort: string): { port: PortSpec } | { error: string } {
  const parts = rawPort.split(':');
  let ip = '';
  let hostPort = '';
  let containerPort: string;
  if (parts.length === 1) containerPort = parts[0]!;
  else if (parts.length === 2) {
    hostPort = parts[0]!;
    containerPort = parts[1]!;
  } else {
    const n = parts.length;
    ip = parts.slice(0, n - 2).join(':');
    hostPort = parts[n - 2]!;
    containerPort = parts[n - 1]!;
  }
  const slash = containerPort.indexOf('/');
  const port = slash >= 0 ? containerPort.slice(0, slash) : containerPort;
  const proto = slash >= 0 ? containerPort.slice(slash + 1) : '';
  if (port === '') return { error: `invalid port: ${JSON.stringify(rawPort)}: no port specified` };
  const lower = proto.toLowerCase();
  if (lower !== '' && lower !== 'tcp' && lower !== 'udp' && lower !== 'sctp') {
    return { error: `invalid port: ${JSON.stringify(rawPort)}: invalid proto: ${proto}` };
  }
  if (ip !== '') {
    let bare = ip;
    if (bare.startsWith('[')) {
      if (!bare.endsWith(']')) return { error: `invalid IP address ${ip}` };
      bare = bare.slice(1, -1);
    }
    if (!isIp(bare)) return { error: `invalid IP address: ${bare}` };
  }
  const range = portRange(port);
  if (range === null) return { error: `invalid containerPort: ${port}` };
  if (hostPort !== '') {
    const host = portRange(hostPort);
    if (host === null) return { error: `invalid hostPort: ${hostPort}` };
    if (range[1] - range[0] !== host[1] - host[0] && range[1] !== range[0]) {
      return {
        error: `invalid ranges specified for container and host Ports: ${port} and ${hostPort}`,
      };
    }
  }
  return {
    port: {
      raw: rawPort,
      start: range[0],
      end: range[1],
      hostIp: ip === '' ? null : ip,
      hostPort: hostPort === '' ? null : hostPort,
      protocol: lower === '' ? 'tcp' : lower,
      protocolAsWritten: proto === '' ? null : proto,
    },
  };
}

const PORT_NUMBER = /^[+-]?\d+$/;

function portNumber(s: string): number | null {
  // strconv.ParseInt(s, 10, 0) accepts a sign; BuildKit then bounds the value to 0–65535.
  if (!PORT_NUMBER.test(s)) return null;
  const n = Number(s);
  return n >= 0 && n <= 65535 ? n : null;
}

function portRange(ports: string): [number, number] | null {
  if (ports === '') return null;
  const dash = ports.indexOf('-');
  const start = dash >= 0 ? ports.slice(0, dash) : ports;
  const end = dash >= 0 ? ports.slice(dash + 1) : '';
  const s = portNumber(start);
  if (s === null) return null;
  if (dash < 0 || start === end) return [s, s];
  const e = portNumber(end);
  if (e === null || e < s) return null;
  return [s, e];
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const IPV6_GROUP = /^[0-9A-Fa-f]{1,4}$/;

/** Go's `net.ParseIP`, close enough for EXPOSE: dotted IPv4 or IPv6 (with `::` and IPv4 tail). */
function isIp(s: string): boolean {
  if (IPV4.test(s)) return true;
  if (s.indexOf(':') < 0) return false;
  const double = s.indexOf('::');
  if (double >= 0 && s.indexOf('::', double + 1) >= 0) return false;
  const groups = s.split(':');
  let count = 0;
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i]!;
    if (g === '') continue;
    if (i === groups.length - 1 && IPV4.test(g)) count += 2;
    else if (IPV6_GROUP.test(g)) count += 1;
    else return false;
  }
  return double >= 0 ? count < 8 : count === 8;
}
