/// <reference path="../pb_data/types.d.ts" />

// The public face of a canteen (pb_hooks/lib/public.js): the page behind its QR code, the dining-room
// display, ordering platforms, and ratings and complaints from anyone. No sign-in on these doors; each is
// rate-limited per address (pb_migrations: rateLimits) and the forms also per phone and per day.

/** The page's data: facts, today and 7 days of records as counts, the index, answers, public cameras. */
routerAdd("GET", "/api/mingchu/public/canteens/{id}", (e) => require(`${__hooks}/lib/public.js`).summary(e));

/** The small JSON for ordering platforms (any origin), when the canteen allows embedding. */
routerAdd("GET", "/api/mingchu/public/canteens/{id}/facts", (e) => require(`${__hooks}/lib/public.js`).facts(e));

/** A kept sample's photo (last 8 days only). */
routerAdd("GET", "/api/mingchu/public/canteens/{id}/samples/{sample}/photo", (e) => require(`${__hooks}/lib/public.js`).samplePhoto(e));

/** A form token for a rating or complaint (it dates when the form was opened). */
routerAdd("GET", "/api/mingchu/public/canteens/{id}/form", (e) => require(`${__hooks}/lib/public.js`).formToken(e));

routerAdd("POST", "/api/mingchu/public/canteens/{id}/ratings", (e) => require(`${__hooks}/lib/public.js`).rate(e));

// A complaint may carry a photo (5 MB at most, checked again by its bytes).
routerAdd("POST", "/api/mingchu/public/canteens/{id}/complaints", (e) => require(`${__hooks}/lib/public.js`).complain(e), $apis.bodyLimit(6 * 1024 * 1024));

/** The canteen's managers keep its public facts; the regulator gives the grade. */
routerAdd("POST", "/api/mingchu/canteens/{id}/public", (e) => require(`${__hooks}/lib/public.js`).saveFacts(e), $apis.requireAuth("users", "_superusers"));
