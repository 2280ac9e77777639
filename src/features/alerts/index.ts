export { AdvanceDecisions, AlertList } from './components/alert-list';
