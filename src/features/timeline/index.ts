/** Contacts and medicine courses across organisations as one picture, with its table. */
export { Timeline, type TimelineProps } from './components/timeline';
