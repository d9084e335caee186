/**
 * The value formats hadolint's `label-schema` knows: each label named in the schema must be set
 * in every stage (DL3049), non-empty (DL3051), and match its format (DL3052 url, DL3053
 * rfc3339, DL3054 spdx, DL3055 hash, DL3056 semver, DL3058 email; `text` is any text).
 */
export const LABEL_TYPES = ['text', 'url', 'spdx', 'hash', 'rfc3339', 'semver', 'email'] as const;

export type LabelType = (typeof LABEL_TYPES)[number];

export function isLabelType(value: string): value is LabelType {
  return (LABEL_TYPES as readonly string[]).includes(value);
}
