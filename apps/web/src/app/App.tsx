import { lazy, Suspense } from 'react';
import { HomePage } from '../home/HomePage.js';
import { Layout, Loading, NotFound } from '../layout/Layout.js';
import { useLocation } from './router.js';
import { isBackOffice, matchRoute } from './routes.js';

// Pages with maps load Leaflet with them; the home page stays light. The back office is one more chunk.
const SearchPage = lazy(() => import('../search/SearchPage.js').then((m) => ({ default: m.SearchPage })));
const OfferPage = lazy(() => import('../offer/OfferPage.js').then((m) => ({ default: m.OfferPage })));
const BackOfficeApp = lazy(() => import('../backoffice/BackOfficeApp.js').then((m) => ({ default: m.BackOfficeApp })));
// The footer's information pages: their text stays out of the other pages' JavaScript.
const InfoPage = lazy(() => import('../info/InfoPage.js').then((m) => ({ default: m.InfoPage })));
// The plan and the calls for projects: public pages, one chunk each.
const PlanPage = lazy(() => import('../plan/PlanPage.js').then((m) => ({ default: m.PlanPage })));
const CallsPage = lazy(() => import('../calls/CallsPage.js').then((m) => ({ default: m.CallsPage })));
const OpenDataPage = lazy(() => import('../open-data/OpenDataPage.js').then((m) => ({ default: m.OpenDataPage })));
const CallPage = lazy(() => import('../calls/CallPage.js').then((m) => ({ default: m.CallPage })));
const OrganizationPage = lazy(() =>
  import('../organization/OrganizationPage.js').then((m) => ({ default: m.OrganizationPage })),
);

export function App() {
  const { pathname } = useLocation();
  const route = matchRoute(pathname);
  const page = (() => {
    if (isBackOffice(route)) return <BackOfficeApp route={route} />;
    switch (route.name) {
      case 'home':
        return <HomePage />;
      case 'info':
        return <InfoPage key={`${route.slug ?? ''}/${route.page}`} page={route.page} slug={route.slug} />;
      case 'search':
        return <SearchPage key={route.slug} slug={route.slug} />;
      case 'offer':
        return <OfferPage key={route.id} slug={route.slug} id={route.id} />;
      case 'organization':
        return <OrganizationPage key={route.id} slug={route.slug} id={route.id} />;
      case 'plan':
        return <PlanPage key={route.slug} slug={route.slug} />;
      case 'calls':
        return <CallsPage key={route.slug} slug={route.slug} />;
      case 'call':
        return <CallPage key={route.id} slug={route.slug} id={route.id} />;
      case 'open-data':
        return <OpenDataPage key={route.slug} slug={route.slug} />;
      default:
        return (
          <Layout>
            <NotFound />
          </Layout>
        );
    }
  })();
  return (
    <Suspense
      fallback={
        <Layout>
          <div className="fr-container fr-my-5w">
            <Loading label="Chargement de la page…" />
          </div>
        </Layout>
      }
    >
      {page}
    </Suspense>
  );
}
