import { IntentClassifier, serializeModel, stratifiedFolds, type Example } from '../../platform/nlu/index.js';

/** What one training run computes, off the event loop (see runInWorker): plain data both ways. */
export interface TrainingOutput {
  /** The full model, serialised: predictions from it are bit-identical to the trained one's. */
  serialized: string;
  trainMs: number;
  /** The held-out fold's answers by a model trained without it: what the answer threshold is set from. */
  judged: { confidence: number; correct: boolean }[];
}

/**
 * A quick model on four fifths of the examples (for the held-out figures) and the full model.
 * Runs on a worker thread: one run is seconds of CPU for a few thousand examples.
 */
export default function trainIntents(examples: Example[]): TrainingOutput {
  const started = performance.now();
  const intentIds = new Map([...new Set(examples.map((e) => e.intent))].map((name, i) => [name, i]));
  const fold = stratifiedFolds(Int32Array.from(examples, (e) => intentIds.get(e.intent)!), 5, 1);
  const heldOut = examples.filter((_, i) => fold[i] === 0);
  const quick = IntentClassifier.train(examples.filter((_, i) => fold[i] !== 0), { calibrationFolds: 0 });
  const classifier = IntentClassifier.train(examples);
  const trainMs = performance.now() - started;
  // The quick model with the full model's calibration gives comparable confidences.
  const calibrated = new IntentClassifier(quick.intents, quick.members, classifier.temperature, classifier.threshold);
  const judged = heldOut.map((e) => {
    const p = calibrated.predict(e.text);
    return { confidence: p.confidence, correct: p.intent === e.intent };
  });
  return { serialized: JSON.stringify(serializeModel(classifier)), trainMs, judged };
}
