import type { Rule } from '../types.js';
import { dl3000 } from './hadolint/dl3000.js';
import { dl3002 } from './hadolint/dl3002.js';
import { dl3003 } from './hadolint/dl3003.js';
import { dl3004 } from './hadolint/dl3004.js';
import { dl3006 } from './hadolint/dl3006.js';
import { dl3007 } from './hadolint/dl3007.js';
import { dl3008 } from './hadolint/dl3008.js';
import { dl3009 } from './hadolint/dl3009.js';
import { dl3013 } from './hadolint/dl3013.js';
import { dl3014 } from './hadolint/dl3014.js';
import { dl3015 } from './hadolint/dl3015.js';
import { dl3016 } from './hadolint/dl3016.js';
import { dl3018 } from './hadolint/dl3018.js';
import { dl3019 } from './hadolint/dl3019.js';
import { dl3020 } from './hadolint/dl3020.js';
import { dl3021 } from './hadolint/dl3021.js';
import { dl3022 } from './hadolint/dl3022.js';
import { dl3023 } from './hadolint/dl3023.js';
import { dl3024 } from './hadolint/dl3024.js';
import { dl3025 } from './hadolint/dl3025.js';
import { dl3027 } from './hadolint/dl3027.js';
import { dl3042 } from './hadolint/dl3042.js';
import { dl3045 } from './hadolint/dl3045.js';
import { dl3059 } from './hadolint/dl3059.js';
import { dl4000 } from './hadolint/dl4000.js';
import { dl4003 } from './hadolint/dl4003.js';
import { dl4004 } from './hadolint/dl4004.js';
import { dl4006 } from './hadolint/dl4006.js';

/** hadolint's DL rules that need no shell parser, under their DL codes. */
export const hadolintRules: readonly Rule[] = [
  dl3000,
  dl3002,
  dl3003,
  dl3004,
  dl3006,
  dl3007,
  dl3008,
  dl3009,
  dl3013,
  dl3014,
  dl3015,
  dl3016,
  dl3018,
  dl3019,
  dl3020,
  dl3021,
  dl3022,
  dl3023,
  dl3024,
  dl3025,
  dl3027,
  dl3042,
  dl3045,
  dl3059,
  dl4000,
  dl4003,
  dl4004,
  dl4006,
];
