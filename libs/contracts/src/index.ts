export * from './catalogue.js';
export * from './backoffice.js';
