export * from './taxonomy.js';
export * from './siret.js';
export * from './text.js';
export * from './tenants.js';
export * from './glossary.js';
export * from './plan-measures.js';
