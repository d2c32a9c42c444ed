// The plan's execution report, issue 15: filled in by the reports module's change.
export {};
