// Placeholder: the page is being built (issue 13).
export function SelfRegisterPage(_props: { slug: string; offerId: string }) {
  return null;
}
