// Placeholder: the page is being built (issue 13).
export function AttendanceSheetPage(_props: { slug: string; offerId: string; sessionId: string }) {
  return null;
}
