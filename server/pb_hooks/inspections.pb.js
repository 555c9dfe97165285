/// <reference path="../pb_data/types.d.ts" />

// Regulator inspections and inspector links (lib/inspections.js, lib/inspector-links.js).
routerAdd("POST", "/api/mingchu/inspections", (e) => require(`${__hooks}/lib/inspections.js`).open(e), $apis.requireAuth("users"));
routerAdd("GET", "/api/mingchu/inspections/{id}/staff", (e) => require(`${__hooks}/lib/inspections.js`).staff(e), $apis.requireAuth("users"));
routerAdd("POST", "/api/mingchu/inspections/{id}/finish", (e) => require(`${__hooks}/lib/inspections.js`).finish(e), $apis.requireAuth("users"), $apis.bodyLimit(60 << 20));

routerAdd("POST", "/api/mingchu/inspector-links", (e) => require(`${__hooks}/lib/inspector-links.js`).create(e), $apis.requireAuth("users", "_superusers"));
routerAdd("POST", "/api/mingchu/inspector-links/{id}/revoke", (e) => require(`${__hooks}/lib/inspector-links.js`).revoke(e), $apis.requireAuth("users", "_superusers"));
routerAdd("GET", "/api/mingchu/inspect/{token}", (e) => require(`${__hooks}/lib/inspector-links.js`).view(e));
