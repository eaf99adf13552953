import nodemailer, { type Transporter, type TransportOptions } from 'nodemailer';
import type { AppContext } from '../../../../context.js';

const transports = new WeakMap<AppContext, Transporter>();

/** This app's SMTP transport (pooled connections to SMTP_URL); null when no outgoing server is set. */
export function mailerOf(ctx: AppContext): Transporter | null {
  if (!ctx.config.SMTP_URL) return null;
  let transport = transports.get(ctx);
  if (!transport) {
    const url = new URL(ctx.config.SMTP_URL);
    const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
    transport = nodemailer.createTransport({
      url: ctx.config.SMTP_URL,
      pool: true,
      maxConnections: 2,
      // smtp:// must upgrade with STARTTLS unless the server is on this machine.
      requireTLS: url.protocol === 'smtp:' && !loopback,
      ignoreTLS: url.protocol === 'smtp:' && loopback,
      connectionTimeout: 15_000,
      socketTimeout: 60_000,
    } as TransportOptions);
    transports.set(ctx, transport);
  }
  return transport;
}

export function closeMailer(ctx: AppContext): void {
  transports.get(ctx)?.close();
  transports.delete(ctx);
}
