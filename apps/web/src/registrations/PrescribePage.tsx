// Placeholder: the page is being built (issue 13).
export function PrescribePage(_props: { slug: string; offerId: string }) {
  return null;
}
