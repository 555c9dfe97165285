import type PocketBase from 'pocketbase';

/** One topic for every live change (server/pb_hooks/lib/realtime.js): a ping, the page reads the rest. */
const TOPIC = 'mingchu/changes';

export interface LiveChange {
	collection: 'morning_checks' | 'staff' | 'alerts';
	canteen: string;
	id: string;
	device: string;
}

/**
 * Calls `onChange` for each change to `collections` the server says this sign-in may read (its own
 * canteens, a tablet its own canteen). Resolves to the function that stops listening.
 */
export function watchChanges({ pb, collections, onChange }: { pb: PocketBase; collections: LiveChange['collection'][]; onChange: (change: LiveChange) => void }) {
	return pb.realtime.subscribe(TOPIC, (change: LiveChange) => {
		if (collections.includes(change.collection)) onChange(change);
	});
}
