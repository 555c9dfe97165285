/// <reference path="../pb_data/types.d.ts" />

// Live kitchen video (issue 6): the canteen's cameras on its NVR, their health and alerts, and the
// canteen's public facts shown to diners (licence, grade).
migrate(
	(app) => {
		const adminOf = (field) => `(@request.auth.collectionName = "users" && @request.auth.canteens.id ?= ${field})`;
		const deviceOf = (field) => `(@request.auth.collectionName = "devices" && @request.auth.canteen = ${field})`;
		const canteens = app.findCollectionByNameOrId("canteens");
		// 食品安全量化等级 as displayed at the entrance (A 优秀, B 良好, C 一般).
		canteens.fields.add(new Field({ type: "select", name: "grade", maxSelect: 1, values: ["A", "B", "C"] }));
		app.save(canteens);

		const cameras = new Collection({
			type: "base",
			name: "cameras",
			fields: [
				{ type: "relation", name: "canteen", required: true, maxSelect: 1, collectionId: canteens.id },
				{ type: "text", name: "name", required: true, max: 50 },
				{
					type: "select",
					name: "area",
					required: true,
					maxSelect: 1,
					values: ["cooking", "cold_room", "plating", "storage", "dishwashing", "dining"],
				},
				// The NVR's address with its password: written by administrators, never sent back to any browser
				// (pb_hooks/video.pb.js hides it in every answer; "hidden" fields could not be written by them).
				{ type: "text", name: "rtsp_url", required: true, max: 500, pattern: "^rtsps?://" },
				// Shown in the dining room and on the public page, to anyone.
				{ type: "bool", name: "public" },
				// Forwarded to the province's platform (RTMP or RTSP address with its key: hidden the same way).
				{ type: "bool", name: "upstream" },
				{ type: "text", name: "upstream_url", max: 500, pattern: "^((rtmps?|rtsps?)://.*)?$" },
				// Pull only while someone watches (saves the NVR's bandwidth; recording then needs a viewer).
				{ type: "bool", name: "on_demand" },
				// Written by the health check (pb_hooks/lib/video.js), not by people.
				{ type: "bool", name: "online" },
				{ type: "date", name: "offline_since" },
				{ type: "bool", name: "forwarding" },
				{ type: "date", name: "checked_at" },
				{ type: "autodate", name: "created", onCreate: true, onUpdate: false },
				{ type: "autodate", name: "updated", onCreate: true, onUpdate: true },
			],
			indexes: ["CREATE INDEX idx_cameras_canteen ON cameras (canteen)"],
			listRule: `${adminOf("canteen")} || ${deviceOf("canteen")}`,
			viewRule: `${adminOf("canteen")} || ${deviceOf("canteen")}`,
			createRule: adminOf("canteen"),
			updateRule: `${adminOf("canteen")} && (@request.body.canteen:isset = false || @request.auth.canteens.id ?= @request.body.canteen)`,
			deleteRule: adminOf("canteen"),
		});
		app.save(cameras);

		const alerts = new Collection({
			type: "base",
			name: "camera_alerts",
			fields: [
				{ type: "relation", name: "canteen", required: true, maxSelect: 1, collectionId: canteens.id },
				{ type: "relation", name: "camera", required: true, maxSelect: 1, collectionId: cameras.id, cascadeDelete: true },
				{ type: "select", name: "kind", required: true, maxSelect: 1, values: ["offline"] },
				{ type: "date", name: "started_at", required: true },
				{ type: "date", name: "ended_at" },
				{ type: "autodate", name: "created", onCreate: true, onUpdate: false },
			],
			listRule: adminOf("canteen"),
			viewRule: adminOf("canteen"),
			createRule: null,
			updateRule: null,
			deleteRule: null,
		});
		app.save(alerts);
	},
	(app) => {
		for (const name of ["camera_alerts", "cameras"]) app.delete(app.findCollectionByNameOrId(name));
		const canteens = app.findCollectionByNameOrId("canteens");
		canteens.fields.removeByName("grade");
		app.save(canteens);
	},
);
