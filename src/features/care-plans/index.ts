export { CarePlanList } from './components/care-plan-list';
