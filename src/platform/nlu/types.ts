/** One labelled training or test utterance. */
export interface Example {
  text: string;
  intent: string;
}

export interface ScoredIntent {
  intent: string;
  confidence: number;
}

export interface Prediction {
  /** The best intent, also when outOfScope (so a UI can still offer it). */
  intent: string;
  /** Calibrated probability that `intent` is right, 0..1. */
  confidence: number;
  /** The three best intents, best first. */
  ranking: ScoredIntent[];
  /** The model would rather not answer: predicted `oos`, or confidence under the calibrated threshold. */
  outOfScope: boolean;
}

/** The label that marks out-of-scope examples in training data (CLINC150's convention). */
export const OUT_OF_SCOPE = 'oos';
