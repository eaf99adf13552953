import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';

/** A domain module plugs its routes, subscribers and first-start setup into the app. */
export interface Module {
  name: string;
  /** Registers routes and event subscribers. Called inside a Fastify plugin scope. */
  register(app: FastifyInstance, ctx: AppContext): void | Promise<void>;
  /** Idempotent first-start setup (default accounts, reference data). Runs after migrations. */
  bootstrap?(ctx: AppContext): Promise<void>;
}
