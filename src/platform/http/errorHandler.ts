import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError } from './errors.js';
import { isDatabaseUnavailable, isUniqueViolation } from '../db/errors.js';

interface ValidationIssue {
  keyword: string;
  instancePath: string;
  message: string;
  params: Record<string, unknown>;
}

/** Turns a zod issue from the type provider into one error naming the offending field. */
function fromValidation(issues: ValidationIssue[], context: string | undefined): AppError {
  const issue = issues[0]!;
  const path = issue.instancePath.replace(/^\//, '').split('/').filter(Boolean).join('.');
  const where = context === 'querystring' ? 'query' : context === 'params' ? 'path' : context === 'headers' ? 'header' : '';
  const prefix = (f: string) => (where ? `${where}.${f}` : f);
  if (issue.keyword === 'unrecognized_keys') {
    const key = String((issue.params.keys as string[] | undefined)?.[0] ?? '');
    const field = path ? `${path}.${key}` : key;
    return new AppError('field_unknown', `Unknown field "${field}".`, prefix(field));
  }
  if (!path) return new AppError('body_malformed', issue.message);
  if (issue.keyword === 'invalid_type' && /received undefined/.test(issue.message)) {
    return new AppError('field_required', `"${path}" is required.`, prefix(path));
  }
  return new AppError('field_invalid', `"${path}": ${issue.message}`, prefix(path));
}

const fastifyCodes: Record<string, AppError['code']> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'body_malformed',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'body_malformed',
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_REQ_FILE_TOO_LARGE: 'payload_too_large',
  FST_FILES_LIMIT: 'payload_too_large',
  FST_PARTS_LIMIT: 'payload_too_large',
  FST_FIELDS_LIMIT: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_INVALID_MULTIPART_CONTENT_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'body_malformed',
};

export function toAppError(err: FastifyError | Error): AppError | null {
  if (err instanceof AppError) return err;
  const fe = err as FastifyError & { validationContext?: string };
  if (hasZodFastifySchemaValidationErrors(fe)) {
    return fromValidation(fe.validation as unknown as ValidationIssue[], fe.validationContext);
  }
  const mapped = fe.code ? fastifyCodes[fe.code] : undefined;
  if (mapped) return new AppError(mapped);
  if (err instanceof SyntaxError && fe.statusCode === 400) return new AppError('body_malformed');
  if (isDatabaseUnavailable(err)) return new AppError('service_unavailable');
  if (isUniqueViolation(err)) return new AppError('conflict');
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    if (fe.statusCode === 413) return new AppError('payload_too_large');
    if (fe.statusCode === 415) return new AppError('unsupported_media_type');
    return new AppError('body_malformed', fe.message);
  }
  return null;
}

/** One error shape for the whole API; unexpected errors are logged and never leak details. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    const known = toAppError(err);
    const appErr = known ?? new AppError('internal');
    if (!known) request.log.error({ err }, 'unhandled error');
    else if (appErr.code === 'service_unavailable') request.log.warn({ err }, 'database unavailable');
    if (appErr.code === 'service_unavailable') void reply.header('retry-after', '5');
    if (appErr.headers) void reply.headers(appErr.headers);
    return reply.code(appErr.status).type('application/json').send(appErr.toBody());
  });
  app.setNotFoundHandler((request, reply) => {
    const body = new AppError('not_found', `No route for ${request.method} ${request.url.split('?')[0]}.`).toBody();
    return reply.code(404).send(body);
  });
}

/**
 * Errors Fastify raises before routing (a URL with broken percent-encoding, a bad header):
 * the API's error shape for API paths, a plain page for everything readers open in a browser.
 */
export function frameworkErrorHandler(err: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const appErr = new AppError('field_invalid', `The request is malformed (${err.code ?? 'bad request'}).`, 'path');
  if (request.url.startsWith('/api/')) {
    void reply.code(400).type('application/json').send(appErr.toBody());
    return;
  }
  void reply.code(400).type('text/html; charset=utf-8').send('<!doctype html><meta charset="utf-8"><title>400</title><p>This address is not valid. <a href="/">Home</a></p>');
}
