import type { Observable } from 'dexie';

/**
 * A Dexie live query as a rune: re-subscribes when the reactive values read by `query` change and
 * unsubscribes with the component.
 */
export function live<T>(query: () => Observable<T> | undefined, initial: T): { readonly current: T } {
	let current = $state.raw(initial);
	$effect(() => {
		const observable = query();
		if (!observable) return;
		const subscription = observable.subscribe({
			next: (value) => (current = value),
			error: (error) => console.error('live query failed', error)
		});
		return () => subscription.unsubscribe();
	});
	return {
		get current() {
			return current;
		}
	};
}
