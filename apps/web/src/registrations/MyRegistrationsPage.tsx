// Placeholder: the page is being built (issue 13).
export function MyRegistrationsPage(_props: { slug: string }) {
  return null;
}
