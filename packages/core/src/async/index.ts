export { abortableSleep } from './abortable-sleep.js';
export { type Clock, systemClock } from './clock.js';
export { raceAbort } from './race-abort.js';
