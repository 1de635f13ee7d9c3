export {
  type CurrentTimeOptions,
  currentTime,
  currentTimeFactory,
  currentTimeOptionsSchema,
  describeInstant,
} from './current-time.js';
