/**
 * A password for the admin command line, never from its arguments (they end up in shell history and in every
 * process list): typed at a prompt that does not echo when stdin is a terminal (twice, to catch a typo), or the
 * first line of stdin when it is piped (`printf '%s\n' "$PW" | npm run admin -- …`).
 */
import { read } from 'read';
import { PasswordSchema } from '../../shared/server-api/admin';
import { describeIssues } from '../../shared/validation';

export class InputError extends Error {}

export async function readPassword(purpose: string): Promise<string> {
  const password = process.stdin.isTTY ? await prompted(purpose) : firstLine(await readAll(process.stdin));
  const parsed = PasswordSchema.safeParse(password);
  if (!parsed.success) throw new InputError(`password: ${describeIssues(parsed.error).replace(/^\(value\): /, '')}`);
  return parsed.data;
}

async function prompted(purpose: string): Promise<string> {
  const ask = (prompt: string) => read({ prompt, silent: true, replace: '', output: process.stderr });
  const first = await ask(`${purpose}:`);
  const second = await ask('Type it again:');
  if (first !== second) throw new InputError('The two passwords differ: nothing was changed');
  return first;
}

function firstLine(text: string): string {
  if (text === '') throw new InputError('No password on stdin: type it at the prompt, or pipe it in (one line)');
  return text.split(/\r?\n/)[0] ?? '';
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of stream) text += chunk.toString();
  return text;
}
