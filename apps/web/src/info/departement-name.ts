// The rule lives in the contracts: the API's letters name the Département the same way.
export { ofDepartement, theDepartement } from '@catalogue/contracts';
