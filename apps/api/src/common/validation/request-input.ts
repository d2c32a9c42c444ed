// The one rule every API input obeys before any route, guard or DTO sees it (what a valid text is:
// @catalogue/contracts input.ts). Registered once, in app.ts, in place of the usual body parser:
// - the path: each segment is valid percent-encoded UTF-8, without NUL (else 400 naming `path`);
// - the query: each name and value likewise (else 400 naming the parameter);
// - the body, when there is one: JSON only (415), in UTF-8 (415 for another charset, 400 for bytes
//   that are not UTF-8), at most 1 MB (413), one JSON object (400), nested at most 32 deep, and at
//   any depth no text with NUL or a lone surrogate, no field named __proto__, constructor or
//   prototype (400 naming the field by its dotted path, e.g. `places.0.address`).
// Only then does class-transformer build the DTOs (whose recursion a deep body would overflow)
// and does any text reach the database (which refuses NUL).
import { isUtf8 } from 'node:buffer';
import { HttpException, PayloadTooLargeException, UnsupportedMediaTypeException } from '@nestjs/common';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import type { OpenAPIObject } from '@nestjs/swagger';
import { FORBIDDEN_FIELD_NAMES, INPUT_LIMITS, textProblem } from '@catalogue/contracts';
import { invalidParameter } from '../errors/app-errors.js';

export interface RequestInputOptions {
  /** Paths the rule applies to (the API); the web app's pages keep their own handling. */
  pathPrefix: string;
  bodyBytes?: number;
  jsonDepth?: number;
  /** Paths whose routes read a multipart document themselves (within their own limits). */
  multipartPaths?: RegExp;
}

const unsupportedMediaType = (message: string) =>
  new UnsupportedMediaTypeException({ code: 'unsupported_media_type', message, parameter: 'body' });

/** `decodeURIComponent`, or null when the text is not valid percent-encoded UTF-8. */
function strictDecode(encoded: string): string | null {
  try {
    return decodeURIComponent(encoded);
  } catch {
    return null;
  }
}

function pathProblem(path: string): HttpException | null {
  for (const segment of path.split('/')) {
    const decoded = strictDecode(segment);
    if (decoded === null) return invalidParameter('path', `segment "${segment}" is not valid percent-encoded UTF-8`);
    const problem = textProblem(decoded);
    if (problem) return invalidParameter('path', `segment "${segment}" ${problem}`);
  }
  return null;
}

/** Reads the query string as sent, so that a malformed escape is refused rather than kept as typed. */
function queryProblem(url: string): HttpException | null {
  const start = url.indexOf('?');
  if (start < 0) return null;
  for (const pair of url.slice(start + 1).split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const rawName = eq < 0 ? pair : pair.slice(0, eq);
    const name = strictDecode(rawName.replace(/\+/g, ' '));
    if (name === null) return invalidParameter(rawName, 'is not a valid parameter name (percent-encoded UTF-8)');
    const nameProblem = fieldNameProblem(name);
    if (nameProblem) return invalidParameter(name, nameProblem);
    const value = strictDecode((eq < 0 ? '' : pair.slice(eq + 1)).replace(/\+/g, ' '));
    if (value === null) return invalidParameter(name, 'is not valid percent-encoded UTF-8');
    const problem = textProblem(value);
    if (problem) return invalidParameter(name, problem);
  }
  return null;
}

function fieldNameProblem(name: string): string | null {
  return FORBIDDEN_FIELD_NAMES.includes(name) ? 'is not an accepted field name' : textProblem(name);
}

/**
 * The first value of a parsed JSON body that breaks the rule, named by its dotted path. Depth
 * counts the body itself as 1; too deep is named after the top-level field that holds it.
 */
export function jsonProblem(value: unknown, maxDepth: number, path: string[] = [], depth = 1): HttpException | null {
  if (typeof value === 'string') {
    const problem = textProblem(value);
    return problem ? invalidParameter(path.join('.'), problem) : null;
  }
  if (typeof value !== 'object' || value === null) return null;
  if (depth > maxDepth) return invalidParameter(path[0] ?? 'body', `is nested too deeply (at most ${maxDepth} levels)`);
  const isList = Array.isArray(value);
  for (const [key, item] of Object.entries(value)) {
    const at = [...path, key];
    const nameProblem = isList ? null : fieldNameProblem(key);
    if (nameProblem) return invalidParameter(at.join('.'), nameProblem);
    const problem = jsonProblem(item, maxDepth, at, depth + 1);
    if (problem) return problem;
  }
  return null;
}

/** body-parser's failures, as the API's errors (the rest are server faults, left as they are). */
function parserProblem(err: { type?: string }, bodyBytes: number): unknown {
  switch (err.type) {
    case 'entity.too.large':
      return new PayloadTooLargeException({
        code: 'payload_too_large',
        message: `Requête trop volumineuse (${Math.round(bodyBytes / 1024)} Ko au plus)`,
        parameter: 'body',
      });
    case 'entity.parse.failed':
      return invalidParameter('body', 'is not valid JSON');
    case 'charset.unsupported':
      return unsupportedMediaType('Le corps de la requête doit être en UTF-8');
    case 'encoding.unsupported':
      return unsupportedMediaType('Compression du corps de la requête non prise en charge');
    case 'request.size.invalid':
    case 'request.aborted':
      return invalidParameter('body', 'is incomplete');
    default:
      return err;
  }
}

// A request carries a body when it says so; an empty one (Content-Length: 0) is no body.
const hasBody = (req: Request) =>
  req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;

/** The middleware that applies the rule (see the top of this file). */
export function requestInput({
  pathPrefix,
  bodyBytes = INPUT_LIMITS.bodyBytes,
  jsonDepth = INPUT_LIMITS.jsonDepth,
  multipartPaths,
}: RequestInputOptions): RequestHandler {
  // What the raw bytes break, found before decoding (which would replace bad bytes silently).
  const encodingProblems = new WeakMap<Request, HttpException>();
  const parseJson = express.json({
    limit: bodyBytes,
    strict: false,
    type: () => true,
    verify: (req, _res, buf, encoding) => {
      if (encoding !== 'utf-8')
        encodingProblems.set(req as Request, unsupportedMediaType('Le corps de la requête doit être en UTF-8'));
      else if (!isUtf8(buf)) encodingProblems.set(req as Request, invalidParameter('body', 'is not valid UTF-8'));
    },
  });

  return (req: Request, res: Response, next: NextFunction) => {
    if (!req.path.startsWith(pathPrefix)) return next();
    const problem = pathProblem(req.path) ?? queryProblem(req.url);
    if (problem) return next(problem);
    if (!hasBody(req)) {
      // Routes that take a body then validate `{}`: each missing field is named.
      req.body = {};
      return next();
    }
    // A document upload route reads its own multipart body (common/storage/document-upload.ts).
    if (multipartPaths?.test(req.path) && req.is('multipart/form-data')) return next();
    if (req.is('application/json') === false)
      return next(unsupportedMediaType('Le corps de la requête doit être du JSON (Content-Type: application/json)'));
    parseJson(req, res, (err?: unknown) => {
      const encoding = encodingProblems.get(req);
      if (encoding) return next(encoding);
      if (err) return next(parserProblem(err as { type?: string }, bodyBytes));
      const body: unknown = req.body;
      if (typeof body !== 'object' || body === null || Array.isArray(body))
        return next(invalidParameter('body', 'must be a JSON object'));
      next(jsonProblem(body, jsonDepth) ?? undefined);
    });
  };
}

const errorContent = { 'application/json': { schema: { $ref: '#/components/schemas/ErrorResponseDto' } } };

/** Says in the OpenAPI document what the rule adds to every operation that takes a body: 413 and 415. */
export function documentRequestInput(
  document: OpenAPIObject,
  bodyBytes: number = INPUT_LIMITS.bodyBytes,
): OpenAPIObject {
  for (const item of Object.values(document.paths)) {
    for (const operation of [item.post, item.put, item.patch, item.delete]) {
      if (!operation?.requestBody) continue;
      operation.responses['413'] ??= {
        description: `Corps de plus de ${Math.round(bodyBytes / 1024)} Ko (\`payload_too_large\`)`,
        content: errorContent,
      };
      operation.responses['415'] ??= {
        description: 'Corps qui n’est pas du JSON en UTF-8 (`unsupported_media_type`)',
        content: errorContent,
      };
    }
  }
  return document;
}
