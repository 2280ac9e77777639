/** Tests already done at every organisation: grouped by test, latest first, with trends. */
import './results.css';
export { ResultsView, type ResultsViewProps } from './components/results-view';
