// Placeholder: the page is being built (issue 13).
export function AccountPage() {
  return null;
}
