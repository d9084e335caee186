import type { EscapeChar, InstructionNode } from '../tree/nodes.js';
import { viewArg } from './view-arg.js';
import { viewCommand } from './view-command.js';
import { viewCopy } from './view-copy.js';
import { viewExpose } from './view-expose.js';
import { viewFrom } from './view-from.js';
import { viewHealthcheck } from './view-healthcheck.js';
import { viewKeyValue } from './view-key-value.js';
import { viewOnbuild } from './view-onbuild.js';
import { viewRun } from './view-run.js';
import { viewString } from './view-string.js';
import type {
  ArgView,
  CommandView,
  CopyView,
  ExposeView,
  FromView,
  HealthcheckView,
  InstructionView,
  KeyValueView,
  OnbuildView,
  RunView,
  StringView,
  UnknownView,
  VolumeView,
} from './view-types.js';
import { viewVolume } from './view-volume.js';

/** The view type `view` returns for a keyword. */
export interface ViewByKeyword {
  FROM: FromView;
  RUN: RunView;
  CMD: CommandView;
  ENTRYPOINT: CommandView;
  SHELL: CommandView;
  COPY: CopyView;
  ADD: CopyView;
  ENV: KeyValueView;
  LABEL: KeyValueView;
  ARG: ArgView;
  EXPOSE: ExposeView;
  HEALTHCHECK: HealthcheckView;
  USER: StringView;
  WORKDIR: StringView;
  STOPSIGNAL: StringView;
  MAINTAINER: StringView;
  VOLUME: VolumeView;
  ONBUILD: OnbuildView;
}

/**
 * The typed meaning of any instruction, dispatched on its keyword; an unknown keyword gives
 * `{ keyword, unknown: true }`. Never throws. `escapeChar` is the tree's escape character (for
 * quote removal in ENV, LABEL, ARG and EXPOSE).
 *
 * @example
 * ```ts
 * const v = view(parse('COPY --from=build /app /app').children[0])
 * if (v.keyword === 'COPY') v.from // 'build'
 * ```
 */
export function view<K extends keyof ViewByKeyword>(
  node: InstructionNode & { keyword: K },
  escapeChar?: EscapeChar,
): ViewByKeyword[K];
export function view(node: InstructionNode, escapeChar?: EscapeChar): InstructionView;
export function view(node: InstructionNode, escapeChar: EscapeChar = '\\'): InstructionView {
  switch (node.keyword) {
    case 'FROM':
      return viewFrom(node);
    case 'RUN':
      return viewRun(node);
    case 'CMD':
    case 'ENTRYPOINT':
    case 'SHELL':
      return viewCommand(node);
    case 'COPY':
    case 'ADD':
      return viewCopy(node);
    case 'ENV':
    case 'LABEL':
      return viewKeyValue(node, escapeChar);
    case 'ARG':
      return viewArg(node, escapeChar);
    case 'EXPOSE':
      return viewExpose(node, escapeChar);
    case 'HEALTHCHECK':
      return viewHealthcheck(node);
    case 'USER':
    case 'WORKDIR':
    case 'STOPSIGNAL':
    case 'MAINTAINER':
      return viewString(node);
    case 'VOLUME':
      return viewVolume(node);
    case 'ONBUILD':
      return viewOnbuild(node);
    default: {
      const unknown: UnknownView = { keyword: node.keyword, unknown: true };
      return unknown;
    }
  }
}
