// The rule book in code: pure TypeScript, no DOM, no Dexie, no network. The kiosk imports it directly;
// server/build-hooks.mjs bundles the same files for the PocketBase hooks.
export * from './settings';
export * from './dates';
export * from './health-certificate';
export * from './morning-check';
export * from './staff';
export * from './chain';
export * from './camera';
export * from './food-sample';
export * from './disinfection';
export * from './today';
export * from './void';
export * from './cold-storage';
export * from './late-entry';
export * from './waste';
export * from './additive';
export * from './accompanied-meal';
export * from './self-inspection';
