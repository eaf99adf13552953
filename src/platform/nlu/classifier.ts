/**
 * The intent classifier: an ensemble of linear views (member.ts) whose summed scores become
 * confidences through a softmax temperature, and an out-of-scope rule, both fitted on
 * out-of-fold predictions of the training data itself (calibration.ts).
 */
import { fitTemperature, fitThreshold, softmaxInto, type HeldOut } from './calibration.js';
import { Member, type MemberSpec } from './member.js';
import { seededRandom, shuffle } from './random.js';
import { OUT_OF_SCOPE, type Example, type Prediction, type ScoredIntent } from './types.js';

export interface TrainOptions {
  seed: number;
  members: MemberSpec[];
  /** Folds of the training data used to fit the temperature and threshold (0: defaults, no fitting). */
  calibrationFolds: number;
  /**
   * Folds are held out one after another until this many examples have been predicted: large
   * data sets calibrate on one fold (training time), small ones on all of them (enough samples).
   */
  calibrationExamples: number;
  /** The share of correct held-out answers the out-of-scope threshold may refuse. */
  rejectShare: number;
  /**
   * Weigh each example by (mean intent size / its intent's size): an intent with few examples is
   * not drowned by the large ones (+0.2 points of accuracy and balanced accuracy on BANKING77).
   */
  balanceIntents: boolean;
  /**
   * Texts without labels the product genuinely has (the operator's other messages, help-center
   * articles — never test data): the dense view learns its word vectors from them as well.
   */
  unlabeled: readonly string[];
  /**
   * Self-training on `unlabeled` (none without it): each round labels every unlabelled text with
   * the current model and adds, per intent, the ones it is surest of (largest margin between the
   * two best scores) as examples — this share of (unlabelled texts / intents) of them.
   */
  selfTraining: number[];
}

/**
 * Text of which the vocabulary knows less than this share of features is out of scope whatever
 * the scores say: keyboard mashing, another language than the examples', emoji only.
 */
export const MIN_KNOWN_SHARE = 0.2;

export const DEFAULT_MEMBERS: MemberSpec[] = [{ features: {} }];

export const DEFAULT_TRAIN: TrainOptions = { seed: 1, members: DEFAULT_MEMBERS, calibrationFolds: 5, calibrationExamples: 2000, rejectShare: 0.01, balanceIntents: true, unlabeled: [], selfTraining: [0.33, 1] };

export class IntentClassifier {
  private readonly scores: Float32Array;
  private readonly probabilities: Float64Array;
  readonly outOfScopeIndex: number;

  constructor(
    readonly intents: readonly string[],
    readonly members: readonly Member[],
    readonly temperature: number,
    readonly threshold: number,
  ) {
    this.scores = new Float32Array(intents.length);
    this.probabilities = new Float64Array(intents.length);
    this.outOfScopeIndex = intents.indexOf(OUT_OF_SCOPE);
  }

  static train(examples: readonly Example[], options: Partial<TrainOptions> = {}): IntentClassifier {
    const o = { ...DEFAULT_TRAIN, ...options };
    const intents = [...new Set(examples.map((e) => e.intent))].sort();
    if (intents.length < 2) throw new Error('training needs at least two intents');
    const column = new Map(intents.map((intent, i) => [intent, i]));
    const labels = Int32Array.from(examples, (e) => column.get(e.intent) ?? 0);
    const texts = examples.map((e) => e.text);
    let temperature = 1;
    let threshold = 0;
    if (o.calibrationFolds >= 2) {
      const heldOut = crossValidatedScores(texts, labels, intents, o);
      temperature = fitTemperature(heldOut.scores, heldOut.gold, intents.length);
      const oosAt = intents.indexOf(OUT_OF_SCOPE);
      const p = new Float64Array(intents.length);
      const judged: HeldOut[] = heldOut.scores.map((s, i) => {
        const best = softmaxInto(s, temperature, p, intents.length);
        const gold = heldOut.gold[i] as number;
        return { confidence: p[best] as number, correct: best === gold && gold !== oosAt };
      });
      threshold = fitThreshold(judged, o.rejectShare);
    }
    let members = trainMembers(texts, labels, intents.length, o);
    for (const share of o.unlabeled.length ? o.selfTraining : []) {
      const model = new IntentClassifier(intents, members, 1, 0);
      const perIntent = Math.ceil((share * o.unlabeled.length) / intents.length);
      const pseudo = pseudoLabel(model, o.unlabeled, perIntent);
      const allLabels = Int32Array.from([...labels, ...pseudo.map((p) => p.label)]);
      members = trainMembers([...texts, ...pseudo.map((p) => p.text)], allLabels, intents.length, o);
    }
    return new IntentClassifier(intents, members, temperature, threshold);
  }

  /** Raw ensemble scores, one per intent (valid until the next call). */
  rawScores(text: string): Float32Array {
    this.scores.fill(0);
    for (const member of this.members) member.addScores(text, this.scores);
    return this.scores;
  }

  private knownShare(): number {
    let share = 0;
    for (const member of this.members) share = Math.max(share, member.knownShare);
    return share;
  }

  predict(text: string): Prediction {
    const classes = this.intents.length;
    const p = this.probabilities;
    const best = softmaxInto(this.rawScores(text), this.temperature, p, classes);
    const ranking: ScoredIntent[] = [];
    // Top three by selection: sorting 150 numbers per message would be wasted work.
    let previous = Infinity;
    let previousIndex = -1;
    for (let r = 0; r < Math.min(3, classes); r++) {
      let pick = -1;
      for (let c = 0; c < classes; c++) {
        const v = p[c] as number;
        if (v > previous || (v === previous && c <= previousIndex)) continue;
        if (pick < 0 || v > (p[pick] as number)) pick = c;
      }
      if (pick < 0) break;
      ranking.push({ intent: this.intents[pick] as string, confidence: p[pick] as number });
      previous = p[pick] as number;
      previousIndex = pick;
    }
    const confidence = p[best] as number;
    return {
      intent: this.intents[best] as string,
      confidence,
      ranking,
      outOfScope: best === this.outOfScopeIndex || confidence < this.threshold || this.knownShare() < MIN_KNOWN_SHARE,
    };
  }
}

function trainMembers(texts: readonly string[], labels: Int32Array, classes: number, o: TrainOptions): Member[] {
  let weights: Float32Array | undefined;
  if (o.balanceIntents) {
    const size = new Float64Array(classes);
    for (const l of labels) size[l] = (size[l] as number) + 1;
    const present = size.filter((n) => n > 0).length;
    weights = Float32Array.from(labels, (l) => labels.length / present / (size[l] as number));
  }
  return o.members.map((spec, m) => Member.train(texts, labels, classes, spec, o.seed + m, weights, o.unlabeled));
}

/** Per intent, the `perIntent` texts the model assigns to it with the largest margin over the runner-up. */
export function pseudoLabel(model: IntentClassifier, texts: readonly string[], perIntent: number): { text: string; label: number }[] {
  const byIntent: { text: string; margin: number; order: number }[][] = model.intents.map(() => []);
  texts.forEach((text, order) => {
    const scores = model.rawScores(text);
    let best = 0;
    for (let c = 1; c < scores.length; c++) if ((scores[c] as number) > (scores[best] as number)) best = c;
    let second = -Infinity;
    for (let c = 0; c < scores.length; c++) if (c !== best) second = Math.max(second, scores[c] as number);
    byIntent[best]?.push({ text, margin: (scores[best] as number) - second, order });
  });
  return byIntent.flatMap((list, label) =>
    list
      .sort((a, b) => b.margin - a.margin || a.order - b.order)
      .slice(0, perIntent)
      .map((p) => ({ text: p.text, label })),
  );
}

/** Stratified folds: every intent's examples are dealt round-robin after a seeded shuffle. */
export function stratifiedFolds(labels: ArrayLike<number>, folds: number, seed: number): Int32Array {
  const byClass = new Map<number, number[]>();
  for (let i = 0; i < labels.length; i++) {
    const list = byClass.get(labels[i] as number) ?? [];
    list.push(i);
    byClass.set(labels[i] as number, list);
  }
  const fold = new Int32Array(labels.length);
  const random = seededRandom(seed ^ 0x5f3759df);
  let offset = 0;
  for (const key of [...byClass.keys()].sort((a, b) => a - b)) {
    shuffle(byClass.get(key) as number[], random).forEach((i, k) => {
      fold[i] = (k + offset) % folds;
    });
    offset += (byClass.get(key) as number[]).length;
  }
  return fold;
}

function crossValidatedScores(
  texts: readonly string[],
  labels: Int32Array,
  intents: readonly string[],
  o: TrainOptions,
): { scores: Float32Array[]; gold: Int32Array } {
  const fold = stratifiedFolds(labels, o.calibrationFolds, o.seed);
  const scores: Float32Array[] = [];
  const gold: number[] = [];
  for (let f = 0; f < o.calibrationFolds && scores.length < o.calibrationExamples; f++) {
    const trainAt: number[] = [];
    const testAt: number[] = [];
    fold.forEach((k, i) => (k === f ? testAt : trainAt).push(i));
    const trainLabels = Int32Array.from(trainAt, (i) => labels[i] as number);
    // A fold that lost a whole intent still trains; that intent simply scores low.
    const members = trainMembers(trainAt.map((i) => texts[i] as string), trainLabels, intents.length, o);
    const model = new IntentClassifier(intents, members, 1, 0);
    for (const i of testAt) {
      scores.push(model.rawScores(texts[i] as string).slice());
      gold.push(labels[i] as number);
    }
  }
  return { scores, gold: Int32Array.from(gold) };
}
