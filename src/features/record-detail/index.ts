/** The detail of one item: the source record, its provenance, its narrative and its fields. */
export { RecordDetail, type RecordDetailProps } from './components/record-detail';
export { recordHeading } from './record-facts';
