// The back office, loaded only when one of its pages is opened (the public pages stay light).
import type { BackOfficeRoute } from '../app/routes.js';
import { AuditPage, InvitationPage, PlatformAdminPage, SettingsPage } from './AdminPages.js';
import { DashboardPage, ModerationPage, OrganizationsPage } from './AgentPages.js';
import { EditOrganizationPage } from './EditOrganizationPage.js';
import {
  ForgotPasswordPage,
  LoginPage,
  MagicLinkPage,
  NewPasswordPage,
  RegisterPage,
  VerifyEmailPage,
} from './AuthPages.js';
import { NewOrganizationPage } from './NewOrganizationPage.js';
import { OfferEditorPage } from './OfferEditorPage.js';
import { OrganizationSpacePage } from './OrganizationSpacePage.js';
import { SpacePage } from './SpacePage.js';
import { AccountPage } from '../registrations/AccountPage.js';
import { AttendanceSheetPage } from '../registrations/AttendanceSheetPage.js';
import { BeneficiaryRegisterPage } from '../registrations/BeneficiaryRegisterPage.js';
import { InboxPage } from '../registrations/InboxPage.js';
import { MyRegistrationsPage } from '../registrations/MyRegistrationsPage.js';
import { PrescribePage } from '../registrations/PrescribePage.js';
import { PrescriptionsPage } from '../registrations/PrescriptionsPage.js';
import { RegistrationPage } from '../registrations/RegistrationPage.js';
import { SelfRegisterPage } from '../registrations/SelfRegisterPage.js';
import { PlanEditorPage } from '../plan/PlanEditorPage.js';
import { CallsBoPage } from '../calls/CallsBoPage.js';
import { CallEditorPage } from '../calls/CallEditorPage.js';
import { RankingPage } from '../applications/RankingPage.js';
import { ApplicationsPage } from '../applications/ApplicationsPage.js';
import { ApplicationPage } from '../applications/ApplicationPage.js';
import { AgreementsPage } from '../agreements/AgreementsPage.js';
import { AgreementPage } from '../agreements/AgreementPage.js';
import { BilansPage } from '../bilans/BilansPage.js';
import { BilanPage } from '../bilans/BilanPage.js';
import { IndicatorsPage } from '../indicators/IndicatorsPage.js';
import { CoveragePage } from '../coverage/CoveragePage.js';
import { ReportEditorPage } from '../reports/ReportEditorPage.js';
import { ReportPage } from '../reports/ReportPage.js';
import { DataInclusionImportPage } from '../data-inclusion-import/DataInclusionImportPage.js';
import { ApiKeysPage } from '../api-keys/ApiKeysPage.js';
import { OfferImportPage } from '../offer-import/OfferImportPage.js';

export function BackOfficeApp({ route }: { route: BackOfficeRoute }) {
  switch (route.name) {
    case 'login':
      return <LoginPage />;
    case 'register':
      return <RegisterPage />;
    case 'forgot-password':
      return <ForgotPasswordPage />;
    case 'verify-email':
      return <VerifyEmailPage />;
    case 'new-password':
      return <NewPasswordPage />;
    case 'magic-link':
      return <MagicLinkPage />;
    case 'space':
      return <SpacePage />;
    case 'platform-admin':
      return <PlatformAdminPage />;
    case 'bo-new-organization':
      return <NewOrganizationPage key={route.slug} slug={route.slug} />;
    case 'bo-organization':
      return <OrganizationSpacePage key={route.id} slug={route.slug} id={route.id} />;
    case 'bo-edit-organization':
      return <EditOrganizationPage key={route.id} slug={route.slug} id={route.id} />;
    case 'bo-organizations':
      return <OrganizationsPage key={route.slug} slug={route.slug} />;
    case 'bo-new-offer':
      return <OfferEditorPage key="new" slug={route.slug} id={null} />;
    case 'bo-offer':
      return <OfferEditorPage key={route.id} slug={route.slug} id={route.id} />;
    case 'bo-moderation':
      return <ModerationPage key={route.slug} slug={route.slug} />;
    case 'bo-dashboard':
      return <DashboardPage key={route.slug} slug={route.slug} />;
    case 'bo-settings':
      return <SettingsPage key={route.slug} slug={route.slug} />;
    case 'bo-audit':
      return <AuditPage key={route.slug} slug={route.slug} />;
    case 'invitation':
      return <InvitationPage slug={route.slug} />;
    case 'beneficiary-register':
      return <BeneficiaryRegisterPage key={route.slug} slug={route.slug} />;
    case 'account':
      return <AccountPage />;
    case 'self-register':
      return <SelfRegisterPage key={route.id} slug={route.slug} offerId={route.id} />;
    case 'prescribe':
      return <PrescribePage key={route.id} slug={route.slug} offerId={route.id} />;
    case 'my-registrations':
      return <MyRegistrationsPage key={route.slug} slug={route.slug} />;
    case 'prescriptions':
      return <PrescriptionsPage key={route.slug} slug={route.slug} />;
    case 'registration':
      return <RegistrationPage key={route.id} slug={route.slug} id={route.id} />;
    case 'inbox':
      return <InboxPage key={route.id} slug={route.slug} organizationId={route.id} />;
    case 'attendance-sheet':
      return (
        <AttendanceSheetPage
          key={route.sessionId}
          slug={route.slug}
          offerId={route.offerId}
          sessionId={route.sessionId}
        />
      );
    case 'bo-plan':
      return <PlanEditorPage key={route.slug} slug={route.slug} />;
    case 'bo-calls':
      return <CallsBoPage key={route.slug} slug={route.slug} />;
    case 'bo-new-call':
      return <CallEditorPage key="new" slug={route.slug} />;
    case 'bo-call':
      return <CallEditorPage key={route.id} slug={route.slug} id={route.id} />;
    case 'bo-ranking':
      return <RankingPage key={route.id} slug={route.slug} id={route.id} />;
    case 'bo-applications':
      return <ApplicationsPage key={route.slug} slug={route.slug} />;
    case 'bo-application':
      return <ApplicationPage key={route.id} slug={route.slug} id={route.id} />;
    case 'bo-agreements':
      return <AgreementsPage key={route.slug} slug={route.slug} />;
    case 'bo-agreement':
      return <AgreementPage key={route.id} slug={route.slug} id={route.id} />;
    case 'bo-bilans':
      return <BilansPage key={route.slug} slug={route.slug} />;
    case 'bo-bilan':
      return <BilanPage key={route.id} slug={route.slug} id={route.id} />;
    case 'bo-indicators':
      return <IndicatorsPage key={route.slug} slug={route.slug} />;
    case 'bo-coverage':
      return <CoveragePage key={route.slug} slug={route.slug} />;
    case 'bo-report':
      return <ReportEditorPage key={route.slug} slug={route.slug} />;
    case 'report':
      return <ReportPage key={`${route.slug}-${route.year}`} slug={route.slug} year={route.year} />;
    case 'bo-data-inclusion-import':
      return <DataInclusionImportPage key={route.slug} slug={route.slug} />;
    case 'bo-api-keys':
      return <ApiKeysPage key={route.slug} slug={route.slug} />;
    case 'bo-offer-import':
      return <OfferImportPage key={route.id} slug={route.slug} organizationId={route.id} />;
  }
}
