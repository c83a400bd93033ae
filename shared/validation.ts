import type { z } from 'zod';
import { err, ok, type Result } from './result';

/** One readable line per problem, each naming the field: `title: Too big: expected string to have <=200 characters`. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const field = issue.path.length > 0 ? issue.path.join('.') : '(value)';
      return `${field}: ${issue.message}`;
    })
    .join('; ');
}

/** Parses `input` with `schema`; on failure returns the readable description instead of throwing. */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown): Result<z.output<S>> {
  const parsed = schema.safeParse(input);
  return parsed.success ? ok(parsed.data) : err(describeIssues(parsed.error));
}
