export { EncounterList } from './components/encounter-list';
