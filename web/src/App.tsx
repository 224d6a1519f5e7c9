import { useEffect, useState } from 'react';
import { cached, type StateInfo } from './api';
import { BuilderView } from './BuilderView';
import { CascadeView } from './CascadeView';
import { ConflictsView } from './ConflictsView';
import { LibraryView } from './LibraryView';
import { ReportView } from './ReportView';
import { href, parseRoute, type Route } from './route';
import { TimelineView } from './TimelineView';
import { TreatyView } from './TreatyView';
import { VetoesView } from './VetoesView';
import { WebView } from './WebView';
import { type Namer, namer } from './words';

/** The route of the current location, kept in step with the hash. */
function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const update = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return route;
}

/** The state names, once loaded (abbreviations until then). */
function useNamer(): Namer {
  const [name, setName] = useState<Namer>(() => (abb: string) => abb);
  useEffect(() => {
    cached<StateInfo[]>('/api/states').then(
      (states) => setName(() => namer(states)),
      () => {},
    );
  }, []);
  return name;
}

const TITLES: Record<Route['view'], string> = {
  library: 'Crisis library',
  web: 'Treaty web',
  treaty: 'Treaty',
  builder: 'Scenario builder',
  report: 'Reports',
  cascade: 'Cascade',
  conflicts: 'Compatibility',
  timeline: 'Timeline',
  vetoes: 'Who can block',
};

/** The app: a header with its four places, and the view the URL names. */
export function App() {
  const route = useRoute();
  const name = useNamer();
  useEffect(() => {
    document.title = `${TITLES[route.view]} — casus`;
    // A new view starts at the top and gets the keyboard focus on its heading.
    document.querySelector<HTMLElement>('main h1')?.focus();
  }, [route.view]);
  const nav: Array<[Route['view'], string, string]> = [
    ['library', 'Crisis library', href({ view: 'library' })],
    ['web', 'Treaty web', href({ view: 'web', at: '1936-03-27', large: false })],
    ['builder', 'Scenario builder', href({ view: 'builder' })],
    ['report', 'Reports', href({ view: 'report' })],
    ['conflicts', 'Compatibility', href({ view: 'conflicts', treaties: [], all: false })],
  ];
  return (
    <>
      <button type="button" className="skip" onClick={() => document.getElementById('main')?.focus()}>
        Skip to content
      </button>
      <header className="top">
        <a className="brand" href={nav[0]?.[2]}>
          casus
        </a>
        <span className="tagline">interwar treaties, made executable</span>
        <nav aria-label="Views">
          {nav.map(([view, label, link]) => (
            <a
              key={view}
              href={link}
              aria-current={
                route.view === view || (view === 'report' && (route.view === 'cascade' || route.view === 'vetoes')) ? 'page' : undefined
              }
            >
              {label}
            </a>
          ))}
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        {route.view === 'library' && <LibraryView />}
        {route.view === 'web' && <WebView at={route.at} large={route.large} state={route.state} rejected={route.rejected} name={name} />}
        {route.view === 'treaty' && <TreatyView slug={route.slug} provision={route.provision} name={name} />}
        {route.view === 'builder' && <BuilderView scenario={route.scenario} library={route.library} />}
        {route.view === 'conflicts' && (
          <ConflictsView treaties={route.treaties} from={route.from} to={route.to} all={route.all} name={name} />
        )}
        {route.view === 'timeline' && <TimelineView run={route.run} treaty={route.treaty} name={name} />}
        {route.view === 'cascade' && <CascadeView run={route.run} name={name} />}
        {route.view === 'vetoes' && (
          <VetoesView run={route.run} norm={route.norm} holder={route.holder} beneficiary={route.beneficiary} name={name} />
        )}
        {route.view === 'report' && <ReportView run={route.run} norm={route.norm} name={name} />}
      </main>
    </>
  );
}
