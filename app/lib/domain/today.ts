// The kiosk's today screen: for each ledger, what is due today and where it stands.
import { monthStartOf, weekStartOf } from './dates';
import type { CanteenSettings } from './settings';

export type DueState = 'done' | 'due' | 'overdue' | 'exception';

export interface LedgerDue {
	ledger: 'morning_checks' | 'food_samples' | 'disinfections' | 'cold_readings' | 'waste_handovers' | 'accompanied_meals' | 'self_inspections';
	/** The meal a sample or disinfection is due for; none for morning checks. */
	meal?: 'breakfast' | 'lunch' | 'dinner';
	/** The round a self-inspection is due for. */
	round?: 'opening' | 'closing' | 'weekly' | 'monthly';
	state: DueState;
	done: number;
	expected: number;
	/** ISO instant it is due by, when it has a time. */
	dueBy?: string;
}

/** A canteen-local HH:MM of `day` as an instant. */
function at(day: string, time: string, utcOffsetMinutes: number, plusMinutes = 0): Date {
	const [h, m] = time.split(':').map(Number);
	const [y, mo, d] = day.split('-').map(Number);
	return new Date(Date.UTC(y!, mo! - 1, d!, h!, m! + plusMinutes) - utcOffsetMinutes * 60_000);
}

/**
 * Morning checks are due for every active staff member before work (rule 7), an excluded person makes
 * them an exception; samples are due by the end of each meal (rule 1), disinfection an hour after it
 * (rule 14), one run at least, and a run with a warning makes it an exception.
 */
export function todayStatus({
	now,
	today,
	settings,
	staffCount,
	checks,
	samples,
	disinfections,
	coldReadings = [],
	wasteHandovers = [],
	accompaniedMeals = [],
	inspections = [],
	mealClosures = [],
	periodicInspections = [],
	periodicKinds = []
}: {
	now: Date;
	today: string;
	settings: CanteenSettings;
	staffCount: number;
	checks: { staff: string; outcome: string }[];
	samples: { meal: string; taken_at: string }[];
	disinfections: { started_at: string; findings: unknown[] }[];
	/** Rules 6, 29: every fridge and freezer read `readingsPerDay` times. */
	coldReadings?: { unit: string; findings: unknown[] }[];
	/** Rule 28 (日产日清): waste handed over at least once a day, by `schedule.wasteBy`. */
	wasteHandovers?: unknown[];
	/** Rule 33: where required (schools), a leader eats with the students at each meal. */
	accompaniedMeals?: { meal: string }[];
	/** The opening and closing rounds, with their failed items. */
	inspections?: { kind: string; findings: unknown[] }[];
	/** Rule 4: a meal closed with dishes that have no sample is an exception. */
	mealClosures?: { meal: string; findings: unknown[] }[];
	/** Weekly and monthly rounds of the last month, and which of the two the canteen has a checklist for. */
	periodicInspections?: { kind: string; date: string; findings: unknown[] }[];
	periodicKinds?: ('weekly' | 'monthly')[];
}): LedgerDue[] {
	const offset = settings.utcOffsetMinutes;
	const checked = new Set(checks.map((c) => c.staff)).size;
	const result: LedgerDue[] = [
		{
			ledger: 'morning_checks',
			done: checked,
			expected: staffCount,
			state: checks.some((c) => c.outcome === 'excluded') ? 'exception' : checked >= staffCount ? 'done' : 'due'
		}
	];
	// A meal with no time is one the canteen does not serve.
	const meals = (Object.entries(settings.schedule.meals) as ['breakfast' | 'lunch' | 'dinner', string][]).filter(([, end]) => Boolean(end));
	let previousEnd = at(today, '00:00', offset);
	for (const [meal, end] of meals) {
		const mealEnd = at(today, end, offset);
		const samplesOfMeal = samples.filter((s) => s.meal === meal).length;
		// Rule 5: only where sampling is required is a meal without samples due (and overdue).
		if (settings.samples.required || samplesOfMeal > 0) result.push({
			ledger: 'food_samples',
			meal,
			done: samplesOfMeal,
			expected: 1,
			dueBy: mealEnd.toISOString(),
			state: mealClosures.some((c) => c.meal === meal && c.findings.length > 0) ? 'exception' : samplesOfMeal > 0 ? 'done' : now > mealEnd ? 'overdue' : 'due'
		});
		const disinfectionDue = at(today, end, offset, settings.schedule.disinfectionAfterMealMinutes);
		const runs = disinfections.filter((r) => {
			const started = Date.parse(r.started_at);
			return started >= previousEnd.getTime() && started <= disinfectionDue.getTime();
		});
		result.push({
			ledger: 'disinfections',
			meal,
			done: runs.length,
			expected: 1,
			dueBy: disinfectionDue.toISOString(),
			state: runs.some((r) => r.findings.length > 0) ? 'exception' : runs.length > 0 ? 'done' : now > disinfectionDue ? 'overdue' : 'due'
		});
		previousEnd = disinfectionDue;
		if (settings.accompaniedMeals.required) {
			const accompanied = accompaniedMeals.filter((m) => m.meal === meal).length;
			result.push({
				ledger: 'accompanied_meals',
				meal,
				done: accompanied,
				expected: 1,
				dueBy: mealEnd.toISOString(),
				state: accompanied > 0 ? 'done' : now > mealEnd ? 'overdue' : 'due'
			});
		}
	}
	const cold = settings.coldStorage;
	const perUnit = cold.units.map((unit) => Math.min(cold.readingsPerDay, coldReadings.filter((r) => r.unit === unit.name).length));
	const coldDone = perUnit.reduce((sum, n) => sum + n, 0);
	const coldExpected = cold.units.length * cold.readingsPerDay;
	result.push({
		ledger: 'cold_readings',
		done: coldDone,
		expected: coldExpected,
		state: coldReadings.some((r) => r.findings.length > 0) ? 'exception' : coldDone >= coldExpected ? 'done' : 'due'
	});
	for (const round of ['opening', 'closing'] as const) {
		const dueBy = at(today, round === 'opening' ? settings.schedule.openingInspectionBy : settings.schedule.closingInspectionBy, offset);
		const rounds = inspections.filter((i) => i.kind === round);
		result.push({
			ledger: 'self_inspections',
			round,
			done: rounds.length,
			expected: 1,
			dueBy: dueBy.toISOString(),
			state: rounds.some((i) => i.findings.length > 0) ? 'exception' : rounds.length > 0 ? 'done' : now > dueBy ? 'overdue' : 'due'
		});
	}
	for (const kind of periodicKinds) {
		// Due some time this week or this month: never overdue before the period is over.
		const from = kind === 'weekly' ? weekStartOf(today) : monthStartOf(today);
		const rounds = periodicInspections.filter((i) => i.kind === kind && i.date >= from && i.date <= today);
		result.push({
			ledger: 'self_inspections',
			round: kind,
			done: rounds.length,
			expected: 1,
			state: rounds.some((i) => i.findings.length > 0) ? 'exception' : rounds.length > 0 ? 'done' : 'due'
		});
	}
	const wasteDue = at(today, settings.schedule.wasteBy, offset);
	result.push({
		ledger: 'waste_handovers',
		done: wasteHandovers.length,
		expected: 1,
		dueBy: wasteDue.toISOString(),
		state: wasteHandovers.length > 0 ? 'done' : now > wasteDue ? 'overdue' : 'due'
	});
	return result;
}
