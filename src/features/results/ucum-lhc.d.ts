/** @lhncbc/ucum-lhc ships no types: the part the viewer uses. */
declare module '@lhncbc/ucum-lhc' {
  const ucum: {
    UcumLhcUtils: { getInstance(): { convertUnitTo(from: string, value: number, to: string): { status: string; toVal: number | null } } };
  };
  export default ucum;
}
