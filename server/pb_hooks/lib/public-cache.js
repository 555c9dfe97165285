// The public page's data is kept for a few seconds per canteen (lib/public.js), and dropped as soon as
// something it shows changes, so that a dining-room display shows a record on its next refresh.

const keyOf = (canteen) => `mingchu.public.${canteen}`;

function forgetPublic(app, canteen) {
	app.store().remove(keyOf(canteen));
}

module.exports = { keyOf, forgetPublic };
