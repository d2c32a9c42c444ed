// The département's name in a sentence, shared with the API's letters and agreements (contracts).
export { ofDepartement, theDepartement } from '@catalogue/contracts';
