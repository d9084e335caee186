import type { Rule } from '../types.js';
import { dl1001 } from './hadolint/dl1001.js';
import { dl3000 } from './hadolint/dl3000.js';
import { dl3001 } from './hadolint/dl3001.js';
import { dl3002 } from './hadolint/dl3002.js';
import { dl3003 } from './hadolint/dl3003.js';
import { dl3004 } from './hadolint/dl3004.js';
import { dl3006 } from './hadolint/dl3006.js';
import { dl3007 } from './hadolint/dl3007.js';
import { dl3008 } from './hadolint/dl3008.js';
import { dl3009 } from './hadolint/dl3009.js';
import { dl3010 } from './hadolint/dl3010.js';
import { dl3011 } from './hadolint/dl3011.js';
import { dl3012 } from './hadolint/dl3012.js';
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
import { dl3026 } from './hadolint/dl3026.js';
import { dl3027 } from './hadolint/dl3027.js';
import { dl3028 } from './hadolint/dl3028.js';
import { dl3029 } from './hadolint/dl3029.js';
import { dl3030 } from './hadolint/dl3030.js';
import { dl3032 } from './hadolint/dl3032.js';
import { dl3033 } from './hadolint/dl3033.js';
import { dl3034 } from './hadolint/dl3034.js';
import { dl3035 } from './hadolint/dl3035.js';
import { dl3036 } from './hadolint/dl3036.js';
import { dl3037 } from './hadolint/dl3037.js';
import { dl3038 } from './hadolint/dl3038.js';
import { dl3040 } from './hadolint/dl3040.js';
import { dl3041 } from './hadolint/dl3041.js';
import { dl3042 } from './hadolint/dl3042.js';
import { dl3043 } from './hadolint/dl3043.js';
import { dl3044 } from './hadolint/dl3044.js';
import { dl3045 } from './hadolint/dl3045.js';
import { dl3046 } from './hadolint/dl3046.js';
import { dl3047 } from './hadolint/dl3047.js';
import { dl3048 } from './hadolint/dl3048.js';
import { dl3049 } from './hadolint/dl3049.js';
import { dl3050 } from './hadolint/dl3050.js';
import { dl3051 } from './hadolint/dl3051.js';
import { dl3052 } from './hadolint/dl3052.js';
import { dl3053 } from './hadolint/dl3053.js';
import { dl3054 } from './hadolint/dl3054.js';
import { dl3055 } from './hadolint/dl3055.js';
import { dl3056 } from './hadolint/dl3056.js';
import { dl3057 } from './hadolint/dl3057.js';
import { dl3058 } from './hadolint/dl3058.js';
import { dl3059 } from './hadolint/dl3059.js';
import { dl3060 } from './hadolint/dl3060.js';
import { dl3061 } from './hadolint/dl3061.js';
import { dl3062 } from './hadolint/dl3062.js';
import { dl3063 } from './hadolint/dl3063.js';
import { dl3064 } from './hadolint/dl3064.js';
import { dl3065 } from './hadolint/dl3065.js';
import { dl3066 } from './hadolint/dl3066.js';
import { dl3067 } from './hadolint/dl3067.js';
import { dl4000 } from './hadolint/dl4000.js';
import { dl4001 } from './hadolint/dl4001.js';
import { dl4003 } from './hadolint/dl4003.js';
import { dl4004 } from './hadolint/dl4004.js';
import { dl4005 } from './hadolint/dl4005.js';
import { dl4006 } from './hadolint/dl4006.js';

/**
 * hadolint's DL rules (hadolint's README lists them), under their codes and hadolint's messages,
 * with hadolint's semantics: RUN scripts are read as ShellCheck's parser reads them, rules
 * marked `onbuild` also check the ONBUILD triggers, and instructions before the first FROM
 * count. ShellCheck's own findings (SC codes) come from the `shellcheck` binary
 * (`@dockwright/lint/shellcheck`).
 */
export const hadolintRules: readonly Rule[] = [
  dl1001,
  dl3000,
  dl3001,
  dl3002,
  dl3003,
  dl3004,
  dl3006,
  dl3007,
  dl3008,
  dl3009,
  dl3010,
  dl3011,
  dl3012,
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
  dl3026,
  dl3027,
  dl3028,
  dl3029,
  dl3030,
  dl3032,
  dl3033,
  dl3034,
  dl3035,
  dl3036,
  dl3037,
  dl3038,
  dl3040,
  dl3041,
  dl3042,
  dl3043,
  dl3044,
  dl3045,
  dl3046,
  dl3047,
  dl3048,
  dl3049,
  dl3050,
  dl3051,
  dl3052,
  dl3053,
  dl3054,
  dl3055,
  dl3056,
  dl3057,
  dl3058,
  dl3059,
  dl3060,
  dl3061,
  dl3062,
  dl3063,
  dl3064,
  dl3065,
  dl3066,
  dl3067,
  dl4000,
  dl4001,
  dl4003,
  dl4004,
  dl4005,
  dl4006,
];
