/**
 * A trained classifier as compact, versioned JSON (typed arrays as base64) that the bot module
 * can store in a row and load on any node; loading it gives bit-identical predictions.
 */
import { z } from 'zod';
import { DenseView } from './dense.js';
import { Vectorizer } from './features.js';
import { IntentClassifier } from './classifier.js';
import { Member } from './member.js';

export const MODEL_FORMAT = 'ledgerdesk-nlu';
export const MODEL_VERSION = 2;

const base64 = (a: ArrayBufferView): string => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');

function decode<T>(text: string, make: (buffer: ArrayBuffer, length: number) => T, bytesPer: number): T {
  const bytes = Buffer.from(text, 'base64');
  // Copy into a fresh, aligned buffer: Buffer's pool offsets are not multiples of 4.
  const copy = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(copy).set(bytes);
  return make(copy, bytes.byteLength / bytesPer);
}

const featureSchema = z.object({
  wordNgrams: z.number().int().min(1).max(3),
  charMin: z.number().int().min(1),
  charMax: z.number().int().min(0).max(8),
  wordWeight: z.number(),
  charWeight: z.number(),
  minDf: z.number().int().min(1),
});

const modelSchema = z.object({
  format: z.literal(MODEL_FORMAT),
  version: z.literal(MODEL_VERSION),
  intents: z.array(z.string()).min(2),
  temperature: z.number().positive(),
  threshold: z.number().min(0).max(1),
  members: z
    .array(
      z.object({
        features: featureSchema,
        weight: z.number(),
        hashes: z.string(),
        views: z.string(),
        idf: z.string(),
        scales: z.string(),
        weights: z.string(),
        bias: z.string(),
        dense: z
          .object({ weight: z.number(), dimensions: z.number().int().min(1), hashes: z.string(), vectors: z.string(), scales: z.string(), termWeights: z.string() })
          .optional(),
      }),
    )
    .min(1),
});

export type SerializedModel = z.infer<typeof modelSchema>;

export function serializeModel(model: IntentClassifier): SerializedModel {
  return {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    intents: [...model.intents],
    temperature: model.temperature,
    threshold: model.threshold,
    members: model.members.map((m) => ({
      features: { ...m.vectorizer.options },
      weight: m.weight,
      hashes: base64(m.vectorizer.hashes),
      views: base64(m.vectorizer.views),
      idf: base64(m.vectorizer.idf),
      scales: base64(m.scales),
      weights: base64(m.weights),
      bias: base64(m.bias),
      ...(m.vectorizer.dense ? { dense: serializeDense(m.vectorizer.dense) } : {}),
    })),
  };
}

function serializeDense(v: DenseView): NonNullable<SerializedModel['members'][number]['dense']> {
  return {
    weight: v.weight,
    dimensions: v.dimensions,
    hashes: base64(v.hashes),
    vectors: base64(v.vectors),
    scales: base64(v.scales),
    termWeights: base64(v.termWeights),
  };
}

function deserializeDense(s: NonNullable<SerializedModel['members'][number]['dense']>): DenseView {
  const hashes = decode(s.hashes, (b, n) => new Uint32Array(b, 0, n), 4);
  const vectors = decode(s.vectors, (b, n) => new Int8Array(b, 0, n), 1);
  const scales = decode(s.scales, (b, n) => new Float32Array(b, 0, n), 4);
  const termWeights = decode(s.termWeights, (b, n) => new Float32Array(b, 0, n), 4);
  if (vectors.length !== hashes.length * s.dimensions || scales.length !== hashes.length || termWeights.length !== hashes.length) {
    throw new ModelFormatError(`not a ${MODEL_FORMAT} model: dense view sizes do not match`);
  }
  return new DenseView(s.weight, s.dimensions, hashes, vectors, scales, termWeights);
}

export class ModelFormatError extends Error {
  override name = 'ModelFormatError';
}

/** Accepts the object or its JSON text; throws ModelFormatError on anything else. */
export function deserializeModel(input: unknown): IntentClassifier {
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch {
      throw new ModelFormatError('model is not valid JSON');
    }
  }
  const parsed = modelSchema.safeParse(value);
  if (!parsed.success) {
    const version = (value as { version?: unknown } | null)?.version;
    const detail = version !== undefined && version !== MODEL_VERSION ? `unsupported model version ${String(version)}` : parsed.error.issues[0]?.message;
    throw new ModelFormatError(`not a ${MODEL_FORMAT} model: ${detail ?? 'invalid'}`);
  }
  const m = parsed.data;
  const classes = m.intents.length;
  const members = m.members.map((s) => {
    const hashes = decode(s.hashes, (b, n) => new Uint32Array(b, 0, n), 4);
    const dense = s.dense ? deserializeDense(s.dense) : undefined;
    const d = hashes.length + (dense?.dimensions ?? 0);
    const views = decode(s.views, (b, n) => new Uint8Array(b, 0, n), 1);
    const idf = decode(s.idf, (b, n) => new Float32Array(b, 0, n), 4);
    const scales = decode(s.scales, (b, n) => new Float32Array(b, 0, n), 4);
    const weights = decode(s.weights, (b, n) => new Int8Array(b, 0, n), 1);
    const bias = decode(s.bias, (b, n) => new Float32Array(b, 0, n), 4);
    if (views.length !== hashes.length || idf.length !== hashes.length || scales.length !== d || weights.length !== d * classes || bias.length !== classes) {
      throw new ModelFormatError(`not a ${MODEL_FORMAT} model: array sizes do not match`);
    }
    return new Member(new Vectorizer(s.features, hashes, views, idf, dense), classes, weights, scales, bias, s.weight);
  });
  return new IntentClassifier(m.intents, members, m.temperature, m.threshold);
}
