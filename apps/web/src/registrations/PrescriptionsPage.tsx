// Placeholder: the page is being built (issue 13).
export function PrescriptionsPage(_props: { slug: string }) {
  return null;
}
