import type { AppContext } from '../../context.js';
import { newId, nowIso } from '../../platform/db/ids.js';
import { recordEvent } from '../../platform/bus/outbox.js';
import { deserializeModel, type IntentClassifier } from '../../platform/nlu/index.js';
import { builtInActions, type ActionRegistry } from './actions/registry.js';
import { loadTrainingSet, trainModel, type ModelMetrics } from './training.js';

/** Topic every node listens to: a new model was stored, load it. */
export const modelTrained = 'bot.model_trained';

export interface LoadedModel {
  id: string;
  createdAt: string;
  classifier: IntentClassifier;
  metrics: Partial<ModelMetrics>;
}

/** Trained models kept in the table (the newest answers; older ones are history for a rollback by hand). */
const KEEP_MODELS = 5;

/**
 * The bot's state in one running app: the model that answers (the newest row of `bot_models`)
 * and the actions flows may call. Each node holds its own copy and reloads it when
 * `bot.model_trained` arrives.
 */
export class BotBrain {
  readonly actions: ActionRegistry;
  private model: LoadedModel | null = null;
  private training: Promise<{ model: LoadedModel; trained: boolean }> | null = null;
  private startTimer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly ctx: AppContext) {
    this.actions = builtInActions(ctx.log);
  }

  get current(): LoadedModel | null {
    return this.model;
  }

  /** Loads the newest stored model unless it is the one already loaded. */
  async loadNewest(): Promise<LoadedModel | null> {
    const head = await this.ctx.db.selectFrom('bot_models').select(['id']).orderBy('id', 'desc').limit(1).executeTakeFirst();
    if (!head || head.id === this.model?.id) return this.model;
    const row = await this.ctx.db.selectFrom('bot_models').selectAll().where('id', '=', head.id).executeTakeFirstOrThrow();
    try {
      const loaded: LoadedModel = { id: row.id, createdAt: row.created_at, classifier: deserializeModel(row.model), metrics: JSON.parse(row.metrics) as Partial<ModelMetrics> };
      // Two loads may race (start-up and an event): keep the newer.
      if (!this.model || this.model.id < loaded.id) this.model = loaded;
    } catch (err) {
      this.ctx.log.warn({ err, modelId: row.id }, 'stored bot model cannot be loaded; it will be retrained');
    }
    return this.model;
  }

  /** Whether the loaded model was trained on exactly the current examples. */
  async isCurrent(): Promise<boolean> {
    if (!this.model) return false;
    const set = await loadTrainingSet(this.ctx.db);
    return this.model.metrics.fingerprint === set.fingerprint;
  }

  /**
   * The model to answer with. With none at all (first start), trains one now; a model trained
   * on older examples still answers while its successor trains.
   */
  async classifier(): Promise<LoadedModel | null> {
    if (this.model) return this.model;
    await this.loadNewest();
    if (this.model) return this.model;
    try {
      return (await this.train()).model;
    } catch (err) {
      this.ctx.log.error({ err }, 'bot model training failed; the bot answers from help-center search only');
      return null;
    }
  }

  /**
   * Trains from the current examples unless the loaded model already matches them (`force`
   * trains anyway), stores the model, prunes old ones and tells every node. One training at a
   * time per node; a second caller shares the first's result.
   */
  train(options: { force?: boolean } = {}): Promise<{ model: LoadedModel; trained: boolean }> {
    if (this.training) return this.training;
    this.training = this.trainNow(options.force ?? false).finally(() => {
      this.training = null;
    });
    return this.training;
  }

  private async trainNow(force: boolean): Promise<{ model: LoadedModel; trained: boolean }> {
    const set = await loadTrainingSet(this.ctx.db);
    await this.loadNewest();
    if (!force && this.model && this.model.metrics.fingerprint === set.fingerprint) return { model: this.model, trained: false };
    const trained = await trainModel(set, this.ctx.config.BOT_MODEL_CACHE_DIR);
    if (this.stopped) throw new Error('the app is shutting down');
    const id = newId();
    const createdAt = nowIso();
    await this.ctx.transaction(async (trx) => {
      await trx
        .insertInto('bot_models')
        .values({ id, created_at: createdAt, intents: trained.metrics.intents, examples: trained.metrics.examples, model: trained.serialized, metrics: JSON.stringify(trained.metrics) })
        .execute();
      const keep = await trx.selectFrom('bot_models').select('id').orderBy('id', 'desc').limit(KEEP_MODELS).execute();
      await trx.deleteFrom('bot_models').where('id', 'not in', keep.map((k) => k.id)).execute();
      await recordEvent(trx, modelTrained, { modelId: id, examples: trained.metrics.examples, intents: trained.metrics.intents });
    });
    const model: LoadedModel = { id, createdAt, classifier: trained.classifier, metrics: trained.metrics };
    if (!this.model || this.model.id < id) this.model = model;
    this.ctx.log.info({ modelId: id, ...trained.metrics, fingerprint: undefined }, 'bot model trained');
    return { model, trained: true };
  }

  /**
   * At start: load the newest model; when there is none or the examples changed since, train
   * in the background a little later, so starting (and short-lived test apps) never wait for
   * it. A message arriving first trains at once (see `classifier`).
   */
  async start(delayMs: number): Promise<void> {
    await this.loadNewest();
    if (await this.isCurrent()) return;
    this.startTimer = setTimeout(() => {
      this.train().catch((err: unknown) => this.ctx.log.error({ err }, 'bot model training at start failed'));
    }, delayMs);
    this.startTimer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.startTimer);
    await this.training?.catch(() => undefined);
  }
}

const brains = new WeakMap<AppContext, BotBrain>();

/** The bot of this app (the exchange adapter registers its flow actions on `botOf(ctx).actions`). */
export function botOf(ctx: AppContext): BotBrain {
  let brain = brains.get(ctx);
  if (!brain) brains.set(ctx, (brain = new BotBrain(ctx)));
  return brain;
}
