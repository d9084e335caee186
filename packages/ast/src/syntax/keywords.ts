/** The 18 instructions BuildKit's Dockerfile frontend knows. */
export const INSTRUCTION_KEYWORDS = [
  'ADD',
  'ARG',
  'CMD',
  'COPY',
  'ENTRYPOINT',
  'ENV',
  'EXPOSE',
  'FROM',
  'HEALTHCHECK',
  'LABEL',
  'MAINTAINER',
  'ONBUILD',
  'RUN',
  'SHELL',
  'STOPSIGNAL',
  'USER',
  'VOLUME',
  'WORKDIR',
] as const;

export type InstructionKeyword = (typeof INSTRUCTION_KEYWORDS)[number];

/** BuildKit's rule for stage names (after lower-casing): `^[a-z][a-z0-9-_.]*$`. */
export const STAGE_NAME_PATTERN: RegExp = /^[a-z][a-z0-9-_.]*$/;

/** Names a stage cannot take (BuildKit's ReservedStageName: they mean the empty image and the build context). */
export const RESERVED_STAGE_NAMES = Object.freeze(['context', 'scratch'] as const);
