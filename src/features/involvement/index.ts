export { InvolvementList } from './components/involvement-list';
