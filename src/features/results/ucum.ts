/**
 * UCUM unit conversion, loaded only when a test's results come in more than one unit
 * (@lhncbc/ucum-lhc, the National Library of Medicine's UCUM implementation): a value is
 * converted only when UCUM itself says how, never by a table of our own.
 */
import { useEffect, useState } from 'react';
import type { UcumConverter } from '../../domain/results/trend';

let loading: Promise<UcumConverter | undefined> | undefined;

function loadUcum(): Promise<UcumConverter | undefined> {
  loading ??= import('@lhncbc/ucum-lhc').then(
    (mod) => {
      const utils = mod.default.UcumLhcUtils.getInstance();
      return (value: number, from: string, to: string) => {
        const r = utils.convertUnitTo(from, value, to);
        return r.status === 'succeeded' && typeof r.toVal === 'number' ? r.toVal : undefined;
      };
    },
    () => undefined,
  );
  return loading;
}

/** The converter once loaded (undefined until then, or if it cannot load); loads nothing unless `needed`. */
export function useUcumConverter(needed: boolean): UcumConverter | undefined {
  const [convert, setConvert] = useState<UcumConverter>();
  useEffect(() => {
    if (!needed) return;
    let live = true;
    void loadUcum().then((c) => live && c && setConvert(() => c));
    return () => {
      live = false;
    };
  }, [needed]);
  return convert;
}
