/// <reference path="../pb_data/types.d.ts" />

// Regulator inspections (日常监督检查) and inspector links (issue 13).
// - An inspection is opened by a regulator of the canteen's district and finished with its checklist,
//   findings, photos and the rectifications required; each rectification enters the alert loop.
//   While it is open, the regulator may see the names behind today's exceptions; every such look is in
//   access_log, which the canteen's managers read.
// - An inspector link gives someone without an account read-only sight of one canteen's ledgers over
//   a date range, until it expires or is revoked; every use is in access_log.
migrate(
	(app) => {
		const canteens = app.findCollectionByNameOrId("canteens");
		const users = app.findCollectionByNameOrId("users");
		const manages = (c) =>
			`(@request.auth.collectionName = "users" && (@request.auth.canteens.id ?= ${c} || (${c}.organisation != "" && @request.auth.organisations.id ?= ${c}.organisation)))`;
		const regulates = `(@request.auth.collectionName = "users" && @request.auth.role = "regulator" && @request.auth.district_scope != "" && canteen.district ~ @request.auth.district_scope)`;
		const timestamps = [
			{ type: "autodate", name: "created", onCreate: true, onUpdate: false },
			{ type: "autodate", name: "updated", onCreate: true, onUpdate: true },
		];

		const inspections = new Collection({
			type: "base",
			name: "inspections",
			fields: [
				{ type: "relation", name: "canteen", required: true, maxSelect: 1, collectionId: canteens.id },
				{ type: "relation", name: "inspector", required: true, maxSelect: 1, collectionId: users.id },
				{ type: "text", name: "inspector_name", max: 200 },
				{ type: "select", name: "kind", required: true, maxSelect: 1, values: ["onsite", "remote"] },
				{ type: "select", name: "state", required: true, maxSelect: 1, values: ["open", "finished"] },
				{ type: "date", name: "started_at", required: true },
				{ type: "date", name: "finished_at" },
				// [{item, ok, note}]: the checklist as ticked.
				{ type: "json", name: "items", maxSize: 20000 },
				{ type: "text", name: "findings", max: 5000 },
				{ type: "select", name: "result", maxSelect: 1, values: ["pass", "rectify", "fail"] },
				// [{item, due_on}]: each becomes an alert of the loop.
				{ type: "json", name: "rectifications", maxSize: 10000 },
				{ type: "file", name: "photos", maxSelect: 10, maxSize: 5 * 1024 * 1024, mimeTypes: ["image/jpeg", "image/png", "image/webp"], protected: true },
				...timestamps,
			],
			indexes: ["CREATE INDEX idx_inspections_canteen ON inspections (canteen, started_at)"],
			listRule: `${manages("canteen")} || ${regulates}`,
			viewRule: `${manages("canteen")} || ${regulates}`,
			createRule: null,
			updateRule: null,
			deleteRule: null,
		});
		app.save(inspections);

		const links = new Collection({
			type: "base",
			name: "inspector_links",
			fields: [
				{ type: "relation", name: "canteen", required: true, maxSelect: 1, collectionId: canteens.id },
				{ type: "text", name: "label", max: 100 },
				{ type: "text", name: "from", required: true, pattern: "^\\d{4}-\\d{2}-\\d{2}$", max: 10 },
				{ type: "text", name: "to", required: true, pattern: "^\\d{4}-\\d{2}-\\d{2}$", max: 10 },
				{ type: "date", name: "expires_at", required: true },
				{ type: "bool", name: "revoked" },
				{ type: "text", name: "token_hash", hidden: true, max: 64 },
				{ type: "text", name: "created_by_name", max: 200 },
				{ type: "number", name: "uses", onlyInt: true },
				...timestamps,
			],
			indexes: ["CREATE UNIQUE INDEX idx_inspector_links_token ON inspector_links (token_hash) WHERE token_hash != ''"],
			listRule: manages("canteen"),
			viewRule: manages("canteen"),
			createRule: null,
			updateRule: null,
			deleteRule: null,
		});
		app.save(links);

		const log = new Collection({
			type: "base",
			name: "access_log",
			fields: [
				{ type: "relation", name: "canteen", required: true, maxSelect: 1, collectionId: canteens.id },
				{ type: "select", name: "actor_kind", required: true, maxSelect: 1, values: ["regulator", "inspector_link"] },
				{ type: "text", name: "actor", max: 15 },
				{ type: "text", name: "actor_name", max: 200 },
				{ type: "text", name: "action", required: true, max: 60 },
				{ type: "text", name: "ip", max: 60 },
				{ type: "date", name: "at", required: true },
				...timestamps,
			],
			indexes: ["CREATE INDEX idx_access_log_canteen ON access_log (canteen, at)"],
			// The canteen's managers see who looked; nobody edits or deletes what was logged.
			listRule: manages("canteen"),
			viewRule: manages("canteen"),
			createRule: null,
			updateRule: null,
			deleteRule: null,
		});
		app.save(log);

		const settings = app.settings();
		const rules = settings.rateLimits.rules.filter((rule) => rule.label !== "/api/mingchu/inspect/");
		rules.unshift({ label: "/api/mingchu/inspect/", audience: "", duration: 60, maxRequests: 60 });
		settings.rateLimits.rules = rules;
		app.save(settings);
	},
	(app) => {
		for (const name of ["access_log", "inspector_links", "inspections"]) app.delete(app.findCollectionByNameOrId(name));
	},
);
