/// <reference path="../pb_data/types.d.ts" />

// Outward push of alerts (issue 13): a group-robot webhook per canteen (kept by its managers) or per
// district (kept by the operator), in the {"msgtype":"text"} JSON that WeCom (企业微信) and DingTalk group
// robots both accept. Every delivery is a record: tried, retried with back-off, given up, visible.
migrate(
	(app) => {
		const canteens = app.findCollectionByNameOrId("canteens");
		const alerts = app.findCollectionByNameOrId("alerts");
		const manages = (c) =>
			`(@request.auth.collectionName = "users" && (@request.auth.canteens.id ?= ${c} || (${c}.organisation != "" && @request.auth.organisations.id ?= ${c}.organisation)))`;
		const timestamps = [
			{ type: "autodate", name: "created", onCreate: true, onUpdate: false },
			{ type: "autodate", name: "updated", onCreate: true, onUpdate: true },
		];
		const webhooks = new Collection({
			type: "base",
			name: "webhooks",
			fields: [
				// One of the two: a canteen's own robot, or a district's (every canteen under it).
				{ type: "relation", name: "canteen", maxSelect: 1, collectionId: canteens.id },
				{ type: "text", name: "district", max: 6, pattern: "^(\\d{6})?$" },
				{ type: "text", name: "label", max: 100 },
				// The robot's address carries its key: never shown again, never filterable.
				{ type: "text", name: "url", hidden: true, max: 1000 },
				{ type: "text", name: "url_hint", max: 60 },
				// Alerts of this grade and more urgent are pushed (1: only 一类; 3: all).
				{ type: "number", name: "max_grade", onlyInt: true, min: 1, max: 3 },
				{ type: "bool", name: "active" },
				...timestamps,
			],
			listRule: manages("canteen"),
			viewRule: manages("canteen"),
			// Made through /api/mingchu/webhooks, which checks the address.
			createRule: null,
			updateRule: null,
			deleteRule: null,
		});
		app.save(webhooks);

		const deliveries = new Collection({
			type: "base",
			name: "webhook_deliveries",
			fields: [
				{ type: "relation", name: "webhook", required: true, maxSelect: 1, collectionId: webhooks.id, cascadeDelete: true },
				{ type: "relation", name: "alert", required: true, maxSelect: 1, collectionId: alerts.id },
				{ type: "relation", name: "canteen", required: true, maxSelect: 1, collectionId: canteens.id },
				// What happened to the alert that is being told (raised, yellow_card, red_card).
				{ type: "text", name: "event", max: 30 },
				{ type: "select", name: "status", required: true, maxSelect: 1, values: ["pending", "sent", "dead"] },
				{ type: "number", name: "attempts", onlyInt: true },
				{ type: "date", name: "next_at" },
				{ type: "date", name: "sent_at" },
				{ type: "number", name: "last_status", onlyInt: true },
				{ type: "text", name: "last_error", max: 500 },
				...timestamps,
			],
			indexes: [
				"CREATE UNIQUE INDEX idx_webhook_deliveries_once ON webhook_deliveries (webhook, alert, event)",
				"CREATE INDEX idx_webhook_deliveries_due ON webhook_deliveries (status, next_at)",
			],
			listRule: manages("canteen"),
			viewRule: manages("canteen"),
			createRule: null,
			updateRule: null,
			deleteRule: null,
		});
		app.save(deliveries);
	},
	(app) => {
		for (const name of ["webhook_deliveries", "webhooks"]) app.delete(app.findCollectionByNameOrId(name));
	},
);
