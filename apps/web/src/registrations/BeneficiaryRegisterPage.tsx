// Placeholder: the page is being built (issue 13).
export function BeneficiaryRegisterPage(_props: { slug: string }) {
  return null;
}
