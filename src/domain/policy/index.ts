/** Pure decisions about permission, objections, sensitive items and roles (docs/access-policy.md). */
export * from './access-policy';
export * from './govern-records';
export * from './item-access';
export * from './objection';
export * from './override';
export * from './permission';
export * from './record-sensitivity';
export * from './security-labels';
export * from './shown-note';
