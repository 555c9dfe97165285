/// <reference path="../pb_data/types.d.ts" />

// Video at scale (issue 17, section 3): each camera's measured bitrate (from MediaMTX's byte counters),
// the NVR's sub-stream forwarded instead of the main stream, and forwarding on demand: only while the
// province watches (upstream_until), stopped some minutes after its last request.
migrate(
	(app) => {
		const cameras = app.findCollectionByNameOrId("cameras");
		// The sub-stream's address carries the NVR's password like nvr_address: hidden, set from `sub_url`.
		cameras.fields.add(new Field({ type: "text", name: "sub_address", hidden: true, max: 500, pattern: "^(rtsps?://.*)?$" }));
		cameras.fields.add(new Field({ type: "select", name: "upstream_mode", maxSelect: 1, values: ["always", "on_demand"] }));
		cameras.fields.add(new Field({ type: "date", name: "upstream_until" }));
		cameras.fields.add(new Field({ type: "number", name: "bitrate_kbps", min: 0 }));
		cameras.fields.add(new Field({ type: "number", name: "sub_bitrate_kbps", min: 0 }));
		// MediaMTX's counters at the last health check, to turn the next reading into a rate.
		cameras.fields.add(new Field({ type: "number", name: "bytes_received", min: 0, hidden: true }));
		cameras.fields.add(new Field({ type: "number", name: "sub_bytes_received", min: 0, hidden: true }));
		app.save(cameras);

		const settings = app.settings();
		const label = "POST /api/mingchu/video/upstream/";
		settings.rateLimits.rules = [{ label, audience: "", duration: 60, maxRequests: 120 }, ...settings.rateLimits.rules.filter((rule) => rule.label !== label)];
		app.save(settings);
	},
	(app) => {
		const cameras = app.findCollectionByNameOrId("cameras");
		for (const name of ["sub_address", "upstream_mode", "upstream_until", "bitrate_kbps", "sub_bitrate_kbps", "bytes_received", "sub_bytes_received"]) cameras.fields.removeByName(name);
		app.save(cameras);
		const settings = app.settings();
		settings.rateLimits.rules = settings.rateLimits.rules.filter((rule) => rule.label !== "POST /api/mingchu/video/upstream/");
		app.save(settings);
	},
);
