// What the signed-in person may do, per département, as the API's policy decides it (GET /me).
// The web app shows menus, pages and buttons from these and never reads roles to decide.

/** In one département, whatever the structure. */
export interface TenantCapabilities {
  /** Moderation queue: publish offers or ask for changes. */
  moderateOffers: boolean;
  /** The structures list: validate or refuse structures and their identity changes. */
  reviewStructures: boolean;
  /** Edit any structure of the département. */
  editStructures: boolean;
  readDashboard: boolean;
  exportCsv: boolean;
  /** The département's settings (e.g. « double validation »). */
  manageSettings: boolean;
  /** Add and remove the département's agents and admins. */
  manageStaff: boolean;
  readAudit: boolean;
  /** Register someone else on an offer (a referent). */
  prescribe: boolean;
  /** Register oneself on an offer open to self-registration (a beneficiary). */
  registerSelf: boolean;
  /** Edit the insertion plan: axes, fiches, indicators and targets. */
  editPlan: boolean;
  /** Draft, edit, publish and withdraw calls for projects; see their applications' list. */
  manageCalls: boolean;
  /** Assign agents to a call (instruction) and decide in any call. */
  assignInstructors: boolean;
  /** Send agreements for signature and follow them. */
  manageAgreements: boolean;
  /** Follow the bilans of the funded actions: ask for changes, validate, ask for one. */
  reviewBilans: boolean;
  /** The indicators page, the coverage map (« zones blanches ») and the execution report. */
  readIndicators: boolean;
  /** Write the execution report's progress texts, voted amounts and hand-entered values. */
  editReport: boolean;
  /** Import a data·inclusion file (structures and services) into the tenant. */
  importDataInclusion: boolean;
  /** Create and revoke the tenant's API keys. */
  manageApiKeys: boolean;
}

/** In one structure the person is an active member of. */
export interface StructureCapabilities {
  /** Edit the structure (its identity changes go to the département for review). */
  editStructure: boolean;
  /** Invite, accept, remove members and change their role. */
  manageMembers: boolean;
  /** Withdraw a pending identity change. */
  withdrawChange: boolean;
  /** See the structure's offers in the back office. */
  readOffers: boolean;
  /** Create, edit and submit its offers (a validated structure only). */
  editOffers: boolean;
  /** The registrations inbox: accept, refuse, wait-list, capacity, attendance, outcomes. */
  manageRegistrations: boolean;
  /** Start, edit, submit and withdraw applications to calls for projects (a validated structure only). */
  applyToCalls: boolean;
  /** Fill in and submit the bilans of its funded actions. */
  fileBilans: boolean;
  /** Import offers from a spreadsheet (drafts submitted for moderation). */
  importOffers: boolean;
}

export interface MeStructure {
  organizationId: string;
  capabilities: StructureCapabilities;
}

export interface MeTenant {
  /** The tenant's slug. */
  tenant: string;
  tenantName: string;
  capabilities: TenantCapabilities;
  /** The structures the person is an active member of, in this tenant. */
  structures: MeStructure[];
}

/** Outside any département. */
export interface PlatformCapabilities {
  createTenants: boolean;
}

/** About the account itself. */
export interface AccountCapabilities {
  /** Delete one's own account (DELETE /me): not while holding a professional role. */
  deleteAccount: boolean;
}

/** What GET /me adds to the account: the policy's answers, for the web app to show or hide things. */
export interface MeCapabilities {
  /** Per département where the person holds an active membership. */
  tenants: MeTenant[];
  /** In any département not listed in `tenants` (e.g. a beneficiary's `registerSelf`). */
  otherTenants: TenantCapabilities;
  platform: PlatformCapabilities;
  account: AccountCapabilities;
}
