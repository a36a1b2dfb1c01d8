export declare const MUTATED_FILES: readonly string[];
export declare const SURVIVORS_START: string;
export declare const SURVIVORS_END: string;
export declare function survivorRows(doc: string): string[][] | null;
