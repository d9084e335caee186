/**
 * The build arguments BuildKit defines in the global scope for every build (dockerfile2llb's
 * `defaultArgs`): the build and target platforms and their parts, and the target stage. FROM
 * lines may use them without declaring them.
 */
export const PLATFORM_ARGS = Object.freeze([
  'BUILDPLATFORM',
  'BUILDOS',
  'BUILDOSVERSION',
  'BUILDARCH',
  'BUILDVARIANT',
  'TARGETPLATFORM',
  'TARGETOS',
  'TARGETOSVERSION',
  'TARGETARCH',
  'TARGETVARIANT',
  'TARGETSTAGE',
] as const);

/**
 * Every build argument BuildKit knows without an ARG instruction: the proxy variables (passed
 * through without being declared), `SOURCE_DATE_EPOCH`, and {@link PLATFORM_ARGS}.
 */
export const PREDEFINED_ARGS = Object.freeze([
  'HTTP_PROXY',
  'http_proxy',
  'HTTPS_PROXY',
  'https_proxy',
  'FTP_PROXY',
  'ftp_proxy',
  'NO_PROXY',
  'no_proxy',
  'ALL_PROXY',
  'all_proxy',
  'SOURCE_DATE_EPOCH',
  ...PLATFORM_ARGS,
] as const);
