// Placeholder: the page is being built (issue 13).
export function RegistrationPage(_props: { slug: string; id: string }) {
  return null;
}
