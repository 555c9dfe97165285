/// <reference path="../pb_data/types.d.ts" />

// The grid a regulator scans and a headmaster opens every morning (lib/oversight.js).
routerAdd("GET", "/api/mingchu/oversight/grid", (e) => require(`${__hooks}/lib/oversight.js`).grid(e), $apis.requireAuth("users", "_superusers"));
