// Coverage gaps (« zones blanches »), issue 15: filled in by the coverage module's change.
export {};
