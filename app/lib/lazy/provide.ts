// How a module loaded through $lib/lazy hands itself over: under a name on the global object (its
// own file has no imports, so that each lazily loaded file carries only these few lines of it).
export type LazyName = 'ticket' | 'qr-code' | 'signature-pad' | 'english' | 'admin-messages' | 'spreadsheet' | 'charts';

export const key = (name: LazyName) => Symbol.for(`mingchu.lazy.${name}`);

/** Called by a `*.lazy.ts` file with what it offers. */
export function provide(name: LazyName, module: unknown): void {
	(globalThis as Record<symbol, unknown>)[key(name)] = module;
}
