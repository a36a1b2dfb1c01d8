/** Writes the page's imports (the built bundles, the web preset) into `dir`. */
export function vendorInto(dir: string): Promise<void>;
