/** A secret found in a text: what it is and where (UTF-16 offsets, end exclusive). */
export interface Finding {
  kind: SecretKind;
  start: number;
  end: number;
}

export const secretKinds = ['seed_phrase', 'private_key', 'extended_private_key', 'api_secret', 'password', 'one_time_code'] as const;
export type SecretKind = (typeof secretKinds)[number];
