/** The end-to-end sandbox's port base: apart from `npm start`'s default (8400). */
export const E2E_PORT_BASE = Number(process.env.E2E_PORT_BASE ?? 18400);
