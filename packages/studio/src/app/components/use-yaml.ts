import { useEffect, useState } from 'react';

type Stringify = (value: unknown, options: { lineWidth: number }) => string;
let loaded: Stringify | undefined;

/**
 * `value` as YAML, or undefined for the moment the YAML library takes to load: it is loaded on
 * first use, not with the app, since most pages never show YAML.
 */
export function useYaml(value: unknown): string | undefined {
  const [stringify, setStringify] = useState<Stringify | undefined>(() => loaded);
  useEffect(() => {
    if (stringify) return;
    let live = true;
    void import('yaml').then((yaml) => {
      loaded = yaml.stringify as Stringify;
      if (live) setStringify(() => loaded);
    });
    return () => {
      live = false;
    };
  }, [stringify]);
  return stringify ? stringify(value, { lineWidth: 0 }) : undefined;
}
