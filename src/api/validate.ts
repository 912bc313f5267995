/** Parsing at the edge: JSON bodies, query strings and path parameters through zod, every issue listed. */
import type { Context } from 'hono';
import type { z } from 'zod';
import { formatIssues } from '../config/issues.ts';
import { errorMessage } from '../core/errors.ts';
import { ApiError } from './errors.ts';

function invalid(what: string, issues: readonly z.core.$ZodIssue[]): ApiError {
  const lines = formatIssues(issues);
  return new ApiError('BAD_REQUEST', `invalid ${what} (${lines.length} problem${lines.length > 1 ? 's' : ''}): ${lines[0] ?? ''}`, {
    issues: lines,
  });
}

export function parseWith<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw invalid(what, parsed.error.issues);
  return parsed.data;
}

/** The request's JSON body, validated. Malformed JSON is a 400 naming the problem. */
export async function parseBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  let raw: unknown;
  try {
    const text = await c.req.text();
    raw = JSON.parse(text);
  } catch (err) {
    throw new ApiError('BAD_REQUEST', `malformed JSON body: ${errorMessage(err)}`);
  }
  return parseWith(schema, raw, 'request body');
}

export function parseQuery<S extends z.ZodType>(c: Context, schema: S): z.output<S> {
  return parseWith(schema, c.req.query(), 'query');
}
