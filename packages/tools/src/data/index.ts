export { type JsonQueryOptions, jsonQuery, jsonQueryFactory, jsonQueryOptionsSchema } from './json-query.js';
