/**
 * Top-level routing and the login gate. The chapter editor (TipTap + Yjs, most of the bundle)
 * is loaded lazily so the login page and dashboard stay small.
 */
import { lazy, Suspense, useEffect } from 'react';
import { SessionProvider, useSession } from './auth/SessionProvider.tsx';
import { I18nProvider, useI18n } from './i18n/I18nProvider.tsx';
import { Layout } from './layout/Layout.tsx';
import { AccountPage } from './pages/AccountPage.tsx';
import { AuditPage } from './audit/AuditPage.tsx';
import { DashboardPage } from './pages/DashboardPage.tsx';
import { InvitationPage } from './pages/InvitationPage.tsx';
import { LoginPage } from './pages/LoginPage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { ForgotPasswordPage } from './pages/ForgotPasswordPage.tsx';
import { PasswordResetPage } from './pages/PasswordResetPage.tsx';
import { SetupPage } from './admin/SetupPage.tsx';
import { AdminPage } from './admin/AdminPage.tsx';
import { navigate, useRoute } from './router/router.tsx';
import { paths } from './router/routes.ts';
import { AnnouncerProvider } from './ui/Announcer.tsx';
import { errorMessageKey } from './apiClient/errors.ts';
// The statutory procedure (issue 17).
import { ProcedurePage } from './procedure/ProcedurePage.tsx';
import { VerificationPage } from './procedure/VerificationPage.tsx';
// Public consultation (issue 18).
import { ConsultationsPage } from './consultation/ConsultationsPage.tsx';
import { PublicConsultationPage } from './consultation/PublicConsultationPage.tsx';
import { PublicSurveyPage } from './survey/PublicSurveyPage.tsx';
import { SurveysPage } from './survey/SurveysPage.tsx';

const ChapterPage = lazy(() => import('./pages/ChapterPage.tsx'));
// Key-project fiches (issue 19): the fiche page holds the editor too, so it is lazy as well.
const FichePage = lazy(() => import('./projects/FichePage.tsx'));
const PackagePage = lazy(() => import('./projects/PackagePage.tsx'));

function Loading() {
  const { t } = useI18n();
  return <p className="loading" role="status">{t('app.loading')}</p>;
}

function Routes() {
  const route = useRoute();
  const { state, refresh } = useSession();
  const { t } = useI18n();
  const authenticated = state.status === 'authenticated';
  useEffect(() => {
    if (authenticated && route.name === 'login') navigate(paths.dashboard(), { replace: true });
  }, [authenticated, route.name]);

  if (route.name === 'invitation') return <Layout me={null}><InvitationPage token={route.token} /></Layout>;
  // Accounts and e-mail (issue 16): reachable without a session.
  if (route.name === 'forgotPassword') return <Layout me={null}><ForgotPasswordPage /></Layout>;
  if (route.name === 'passwordReset') return <Layout me={null}><PasswordResetPage token={route.token} /></Layout>;
  if (route.name === 'setup') return <Layout me={null}><SetupPage token={route.token} /></Layout>;
  // The statutory procedure (issue 17): the public verification of a milestone, without a session.
  if (route.name === 'verify') return <Layout me={state.status === 'authenticated' ? state.me : null}><VerificationPage hash={route.hash} /></Layout>;
  // Public consultation (issue 18): residents take part without an account.
  if (route.name === 'publicConsultation') return <Layout me={state.status === 'authenticated' ? state.me : null}><PublicConsultationPage token={route.token} /></Layout>;
  if (route.name === 'publicSurvey') return <Layout me={state.status === 'authenticated' ? state.me : null}><PublicSurveyPage token={route.token} /></Layout>;
  if (state.status === 'loading') return <Layout me={null}><Loading /></Layout>;
  if (state.status === 'error') {
    return (
      <Layout me={null}>
        <p role="alert">{t(errorMessageKey(state.error))}</p>
        <button type="button" onClick={() => void refresh()}>{t('app.retry')}</button>
      </Layout>
    );
  }
  if (state.status === 'anonymous') return <Layout me={null}><LoginPage notice={state.notice} /></Layout>;

  const me = state.me;
  switch (route.name) {
    case 'login':
    case 'dashboard':
      return <Layout me={me}><DashboardPage partnershipId={route.name === 'dashboard' ? route.partnershipId : null} /></Layout>;
    case 'account':
      return <Layout me={me}><AccountPage /></Layout>;
    case 'admin':
      return <Layout me={me} wide><AdminPage partnershipId={route.partnershipId} /></Layout>;
    case 'audit':
      return <Layout me={me} wide><AuditPage partnershipId={route.partnershipId} /></Layout>;
    case 'chapter':
      return (
        <Layout me={me} wide>
          <Suspense fallback={<Loading />}>
            <ChapterPage chapterId={route.chapterId} />
          </Suspense>
        </Layout>
      );
    // The statutory procedure (issue 17).
    case 'procedure':
      return <Layout me={me}><ProcedurePage strategyId={route.strategyId} /></Layout>;
    // Key-project fiches (issue 19).
    case 'package':
      return <Layout me={me} wide><Suspense fallback={<Loading />}><PackagePage strategyId={route.strategyId} /></Suspense></Layout>;
    case 'fiche':
      return <Layout me={me} wide><Suspense fallback={<Loading />}><FichePage ficheId={route.ficheId} /></Suspense></Layout>;
    case 'consultations':
      return <Layout me={me} wide><ConsultationsPage strategyId={route.strategyId} /></Layout>;
    case 'surveys':
      return <Layout me={me} wide><SurveysPage strategyId={route.strategyId} /></Layout>;
    default:
      return <Layout me={me}><NotFoundPage /></Layout>;
  }
}

export function App() {
  return (
    <I18nProvider>
      <AnnouncerProvider>
        <SessionProvider>
          <Routes />
        </SessionProvider>
      </AnnouncerProvider>
    </I18nProvider>
  );
}
