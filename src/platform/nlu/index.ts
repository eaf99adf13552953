export { IntentClassifier, DEFAULT_TRAIN, DEFAULT_MEMBERS, stratifiedFolds, type TrainOptions } from './classifier.js';
export { serializeModel, deserializeModel, ModelFormatError, MODEL_FORMAT, MODEL_VERSION, type SerializedModel } from './serialize.js';
export { parseIntentCsv, parseCsv, CsvError } from './csv.js';
export { evaluate, coverageAtPrecision, percentile, type EvalMetrics, type Judged } from './metrics.js';
export { OUT_OF_SCOPE, type Example, type Prediction, type ScoredIntent } from './types.js';
export { trainAndEvaluate, evaluateModel, sampleShots, type EvalReport } from './evaluation.js';
