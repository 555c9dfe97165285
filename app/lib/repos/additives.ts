import { assessAdditiveUse, validateAdditiveUse, type AdditiveError, type AdditiveUseInput } from '$lib/domain';
import type { AdditiveUseRecord } from '$lib/db/schema';
import { saveCheckedRecord, type SaveContext } from './ledger';

/** The only way an additive use enters the tablet: incomplete or nitrite is refused (rules 23–24). */
export function recordAdditiveUse({ input, ...context }: SaveContext & { input: AdditiveUseInput }) {
	return saveCheckedRecord<AdditiveUseRecord, AdditiveError>({
		context,
		collection: 'additive_uses',
		input,
		errors: validateAdditiveUse({ input, settings: context.settings }),
		eventAt: input.used_at,
		derived: { findings: assessAdditiveUse({ settings: context.settings }) }
	});
}
