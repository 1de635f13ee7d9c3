import type { StepDefinition } from './pipeline-definition.js';

/** Any step, whatever its id and types. */
// biome-ignore lint/suspicious/noExplicitAny: the widest step type; `any` keeps every step assignable.
export type AnyStep = StepDefinition<string, any, any>;

/** The id of a step, as a string literal. */
export type IdOf<S> = S extends { readonly id: infer Id extends string } ? Id : never;

/** What a step runs on. */
export type InputOf<S> = S extends { readonly '~types'?: { readonly input: infer I } } ? I : never;

/** What a step gives. */
export type OutputOf<S> = S extends { readonly '~types'?: { readonly output: infer O } } ? O : never;

/** Flattens an intersection so hovers show one object. */
export type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** The compile error `.then()` shows when a step cannot take the previous output. */
export type InputMismatch = 'Step input does not match the previous output';
/** The compile error `.map()` shows when the previous output is not an array. */
export type NotAnArray = '.map() needs the previous output to be an array';
/** The compile error `.map()` shows when the step cannot take one element. */
export type ElementMismatch = 'Step input does not match the array element';
/** The compile error `.until()` shows when the step cannot take its own output back. */
export type LoopMismatch = 'Loop step output must be accepted as its own input';

/** `unknown` (no constraint) when `Value` fits the step's input, else the readable error. */
export type AcceptsCheck<S, Value, Message extends string = InputMismatch> = [Value] extends [InputOf<S>]
  ? unknown
  : Message;

/** The element type of an array output. */
export type ElementOf<T> = T extends readonly (infer E)[] ? E : never;

/** `.map()`'s check: the previous output is an array whose element fits the step. */
export type MapCheck<S, Last> = [Last] extends [readonly unknown[]]
  ? AcceptsCheck<S, ElementOf<Last>, ElementMismatch>
  : NotAnArray;

/** What selectors (conditions, final output) see, typed. */
export interface FlowContext<In, Last, Steps> {
  readonly input: In;
  readonly steps: Steps;
  readonly last: Last;
}

/** Adds one step's result to the typed results by id. */
export type WithResult<Steps, Id extends string, Value> = Simplify<Steps & { [K in Id]: Value }>;

/** The results of a pipeline before its first step. */
export type NoResults = Record<never, never>;
