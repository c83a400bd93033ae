/**
 * PostgreSQL cannot store NUL characters in text or jsonb, nor unpaired UTF-16 surrogates in jsonb; such input would
 * fail deep inside a write with a 500. This check finds them up front so the request gets a 400 naming the field.
 * It also bounds nesting depth, since nothing we accept is nested deeply and recursive code (canonical JSON, audit
 * diffs) must never meet a value deep enough to overflow the stack.
 */

export const MAX_DEPTH = 32;
// A high surrogate not followed by a low one, or a low surrogate not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const unstorable = (text: string) => text.includes('\u0000') || LONE_SURROGATE.test(text);
const UNSTORABLE = 'must not contain NUL characters or unpaired surrogate code units';

/** Returns a readable problem (`title: must not contain NUL characters…`) or null when everything can be stored. */
export function findUnstorableText(value: unknown, root = '(value)'): string | null {
  return inspect(value, root, true);
}

/** Only the depth bound: a readable problem (`body.a.b…: is nested more than 32 levels deep`) or null. */
export function findDeepNesting(value: unknown, root = '(value)'): string | null {
  return inspect(value, root, false);
}

function inspect(value: unknown, root: string, text: boolean): string | null {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: root, depth: 0 }];
  while (stack.length > 0) {
    const item = stack.pop();
    if (!item) break;
    if (item.depth > MAX_DEPTH) return `${item.path}: is nested more than ${MAX_DEPTH} levels deep`;
    if (typeof item.value === 'string') {
      if (text && unstorable(item.value)) return `${item.path}: ${UNSTORABLE}`;
    } else if (Array.isArray(item.value)) {
      item.value.forEach((child, index) => {
        stack.push({ value: child, path: `${item.path}.${index}`, depth: item.depth + 1 });
      });
    } else if (item.value !== null && typeof item.value === 'object') {
      for (const [key, child] of Object.entries(item.value)) {
        if (text && unstorable(key)) return `${item.path}: has a key with NUL characters or unpaired surrogates`;
        stack.push({ value: child, path: `${item.path}.${key}`, depth: item.depth + 1 });
      }
    }
  }
  return null;
}
