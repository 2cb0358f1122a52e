import type { FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { locale, setLocale, t, type Locale } from './i18n';
import { currentPath, match } from './router';
import { navigationFor, signOut, user } from './session';
import { SignInPage } from './pages/signin';
import { HomePage } from './pages/home';
import { NeedsPage } from './pages/needs';
import { NeedPage } from './pages/need';
import { NeedFormPage } from './pages/need_form';
import { OffersPage, OfferPage, OfferFormPage } from './pages/offers';
import { OrganisationsPage, UsersPage, AuditPage } from './pages/admin';
import { QueuePage } from './pages/queue';
import { MatchingPage } from './pages/matching';
import { MeetingsPage } from './pages/meetings';
import { AssessmentFormPage, AssessmentPage, AssessmentsPage } from './pages/assessments';
import { PublicPage } from './pages/public';
import { AllocationPage, AllocationsPage } from './pages/allocations';
import { InboxPage } from './pages/inbox';

// The coverage dashboard (map outlines, Chart.js) is a chunk of its own,
// fetched only when a coverage page is opened.
function Lazy({ page }: { page: 'CoveragePage' | 'PortfolioPage' }) {
  const [Page, setPage] = useState<FunctionComponent | null>(null);
  useEffect(() => {
    let live = true;
    import('./pages/coverage').then((module) => live && setPage(() => module[page]));
    return () => {
      live = false;
    };
  }, [page]);
  return Page ? <Page /> : <p>{t('loading')}</p>;
}

function LanguageSwitch() {
  return (
    <div class="language">
      <label for="language">{t('language')}</label>
      <select id="language" value={locale.value} onChange={(e) => setLocale((e.target as HTMLSelectElement).value as Locale)}>
        <option value="uk" lang="uk">Українська</option>
        <option value="en" lang="en">English</option>
      </select>
    </div>
  );
}

function Routes({ path }: { path: string }) {
  const p = path.split('?')[0];
  let m;
  if (p === '/') return <HomePage />;
  if (p === '/needs') return <NeedsPage key="needs" />;
  if (p === '/queue') return <QueuePage />;
  if (p === '/needs/new') return <NeedFormPage />;
  if ((m = match('/needs/:id/edit', p))) return <NeedFormPage id={m.id} />;
  if ((m = match('/needs/:id', p))) return <NeedPage id={m.id} />;
  if (p === '/offers') return <OffersPage />;
  if (p === '/offers/new') return <OfferFormPage />;
  if ((m = match('/offers/:id/edit', p))) return <OfferFormPage id={m.id} />;
  if ((m = match('/offers/:id', p))) return <OfferPage id={m.id} />;
  if (p === '/coverage') return <Lazy page="CoveragePage" />;
  if (p === '/allocations') return <AllocationsPage />;
  if ((m = match('/allocations/:id', p))) return <AllocationPage id={m.id} />;
  if (p === '/portfolio') return <Lazy page="PortfolioPage" />;
  if (p === '/matching') return <MatchingPage />;
  if ((m = match('/matching/:id', p))) return <MatchingPage id={m.id} />;
  if (p === '/meetings') return <MeetingsPage />;
  if ((m = match('/meetings/:id', p))) return <MeetingsPage id={m.id} />;
  if (p === '/assessments') return <AssessmentsPage />;
  if (p === '/assessments/new') return <AssessmentFormPage />;
  if ((m = match('/assessments/:id', p))) return <AssessmentPage id={m.id} />;
  if (p === '/organisations') return <OrganisationsPage />;
  if (p === '/users') return <UsersPage />;
  if (p === '/audit') return <AuditPage />;
  if (p === '/inbox') return <InboxPage />;
  return <p>{t('notFound')}</p>;
}

export function App() {
  const path = currentPath.value;
  const me = user.value;
  useEffect(() => {
    document.documentElement.lang = locale.value;
  }, [locale.value]);
  // Move focus to the new page's heading for keyboard and screen-reader users.
  useEffect(() => {
    document.getElementById('page-title')?.focus({ preventScroll: true });
  }, [path]);

  const isPublic = path.split('?')[0] === '/public';
  return (
    <>
      <a class="skip" href="#main">
        {t('skipToContent')}
      </a>
      <header class="top">
        <a class="brand" href={me ? '/' : '/public'}>
          {t('appName')}
        </a>
        <LanguageSwitch />
        {me && (
          <div class="who">
            <span>{t('signedInAs', { email: me.email, role: t(`role_${me.role}`) })}</span>
            <button type="button" onClick={() => signOut()}>
              {t('signOut')}
            </button>
          </div>
        )}
      </header>
      {me && !isPublic && (
        <nav aria-label={t('mainNavigation')} class="nav">
          <ul>
            {navigationFor(me.role).map((item) => {
              const here = path.split('?')[0] === item.href || (item.href !== '/' && path.startsWith(`${item.href}/`) && !navigationFor(me.role).some((other) => other !== item && path.startsWith(other.href) && other.href.length > item.href.length));
              return (
                <li key={item.href}>
                  <a href={item.href} aria-current={here ? 'page' : undefined}>
                    {t(item.key)}
                  </a>
                </li>
              );
            })}
          </ul>
        </nav>
      )}
      <main id="main">
        {isPublic ? <PublicPage /> : me === undefined ? <p>{t('loading')}</p> : me === null ? <SignInPage /> : <Routes path={path} />}
      </main>
      <footer class="foot">
        <a href="/public">{t('publicPage')}</a>
      </footer>
    </>
  );
}
