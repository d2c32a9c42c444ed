// Placeholder: the page is being built (issue 13).
export function InboxPage(_props: { slug: string; organizationId: string }) {
  return null;
}
