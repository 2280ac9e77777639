const EN_GB = new Intl.NumberFormat('en-GB');

/**
 * A count as the page shows it ("1,234"), exactly as `n.toLocaleString('en-GB')`, with one
 * formatter for every count: a locale argument to toLocaleString makes ICU build a
 * formatter on every call.
 */
export const countText: (n: number) => string = EN_GB.format;
