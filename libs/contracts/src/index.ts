export * from './catalogue.js';
export * from './backoffice.js';
export * from './input.js';
export * from './capabilities.js';
export * from './rules.js';
export * from './registrations.js';
export * from './privacy.js';
export * from './funding.js';
