/**
 * Documents as query parameters: a batch's documents travel as one JSON array of JSON texts and become a jsonb[] in
 * SQL, each document parsed once. Measured on PostgreSQL 15 with 2000-ticket batches: `jsonb_to_recordset` parses
 * the whole batch, then prints and re-parses every `jsonb` field (about 4× the database's CPU time); pg's array
 * literals escape every quote of every document in JavaScript (about 5× Node's); JSON texts cost one native
 * JSON.stringify and one parse per document.
 */

/** Values as one parameter for `jsonbArray`: a JSON array whose elements are each value's JSON text. */
export function jsonTexts(values: readonly unknown[]): string {
  return JSON.stringify(values.map((value) => JSON.stringify(value)));
}

/** SQL for the jsonb[] held by parameter `param` (made by `jsonTexts`), in order. */
export function jsonbArray(param: string): string {
  return `ARRAY(SELECT e.t::jsonb FROM json_array_elements_text(${param}::json) WITH ORDINALITY AS e(t, i) ORDER BY e.i)`;
}
