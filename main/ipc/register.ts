import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import type { z } from 'zod';
import { type IPC_ARGS, IPC_CHANNELS, parseIpcArgs, type WorkstationApi } from '../../shared/ipc/contract';
import { err, type Result } from '../../shared/result';

export type InvokeMethod = Exclude<keyof typeof IPC_CHANNELS, 'openTicket'>;
/** One handler per invoke channel, keyed by the `WorkstationApi` method it serves. */
export type IpcHandlers = { [M in InvokeMethod]: WorkstationApi[M] };

// Compile-time proof that each channel's schema yields exactly the arguments of its method, in both directions.
type SchemaArgs<M extends InvokeMethod> = z.output<(typeof IPC_ARGS)[(typeof IPC_CHANNELS)[M]]>;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type SchemasMatchApi = { [M in InvokeMethod]: Same<SchemaArgs<M>, Parameters<WorkstationApi[M]>> };
const schemasMatchApi: false extends SchemasMatchApi[InvokeMethod] ? never : true = true;
void schemasMatchApi;

export interface RegisterOptions {
  /** Whether the event comes from the app's own top frame (see `isTrustedSender`). */
  isTrusted(event: IpcMainInvokeEvent): boolean;
  warn(message: string): void;
  error(message: string, cause: unknown): void;
}

/**
 * Registers every handler: each call is answered only for a trusted sender, with arguments re-validated here (the
 * preload is never trusted), and always with a `Result` (a thrown error becomes `{ ok: false }`).
 */
export function registerIpcHandlers(
  ipc: Pick<IpcMain, 'handle'>,
  handlers: IpcHandlers,
  options: RegisterOptions,
): void {
  // Object.keys loses the key type; `IpcHandlers` requires every method, so these are exactly the invoke methods.
  for (const method of Object.keys(handlers) as InvokeMethod[]) {
    const channel = IPC_CHANNELS[method];
    // The schema check above ties each channel's validated tuple to this method's parameters.
    const handler = handlers[method] as (...args: readonly unknown[]) => Promise<Result<unknown>>;
    ipc.handle(channel, async (event, ...args: unknown[]): Promise<Result<unknown>> => {
      if (!options.isTrusted(event)) {
        options.warn(`Refused ${channel} from ${event.senderFrame?.url ?? 'a frame that is gone'}`);
        return err(`${channel}: refused, the caller is not the app's own page`);
      }
      const parsed = parseIpcArgs(channel, args);
      if (!parsed.ok) {
        options.warn(`Rejected ${parsed.error}`);
        return parsed;
      }
      try {
        return await handler(...parsed.value);
      } catch (error) {
        options.error(`${channel} failed`, error);
        return err(`${channel}: ${error instanceof Error ? error.message : String(error)}`);
      }
    });
  }
}
