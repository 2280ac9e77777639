export { MedicationList } from './components/medication-list';
