export { ProblemList } from './components/problem-list';
