import type { ReactNode } from 'react';
import { setQuery } from '../router.js';

export interface TabSpec {
  id: string;
  label: ReactNode;
}

/** Tabs kept in the URL (`?tab=`), so a tab can be bookmarked and back returns to it. */
export function Tabs({ tabs, active, param = 'tab' }: { tabs: TabSpec[]; active: string; param?: string }) {
  return (
    <div className="tabs" role="tablist">
      {tabs.map((tab) => (
        <button
          key={tab.id}
          role="tab"
          type="button"
          aria-selected={tab.id === active}
          className={tab.id === active ? 'tab active' : 'tab'}
          data-tab={tab.id}
          onClick={() => setQuery({ [param]: tab.id === tabs[0]?.id ? undefined : tab.id }, { push: true })}
        >
          {tab.label}
        </button>
      ))}
    </div>
  );
}
