// Every ledger the kiosks upload, by collection name (the {ledger} of /api/mingchu/sync/{ledger}).
const { samples, disposals } = require(`${__hooks}/lib/food-samples.js`);

module.exports = {
	morning_checks: require(`${__hooks}/lib/morning-checks.js`),
	food_samples: samples,
	sample_disposals: disposals,
	disinfections: require(`${__hooks}/lib/disinfections.js`),
	voids: require(`${__hooks}/lib/voids.js`),
	cold_readings: require(`${__hooks}/lib/cold-readings.js`),
	waste_handovers: require(`${__hooks}/lib/waste.js`),
	additive_uses: require(`${__hooks}/lib/additives.js`),
	accompanied_meals: require(`${__hooks}/lib/accompanied-meals.js`),
	self_inspections: require(`${__hooks}/lib/self-inspections.js`),
	meal_closures: require(`${__hooks}/lib/meal-closures.js`),
	purchases: require(`${__hooks}/lib/purchases.js`),
};
