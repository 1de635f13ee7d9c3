export { type JsonQueryOptions, jsonQuery, jsonQueryFactory, jsonQueryOptionsSchema } from './json-query.js';
export { type JsonQueryResult, queryJson } from './query-json.js';
