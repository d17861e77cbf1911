/**
 * One field of a provider's link form (the hosted connect page renders it; `GET /integration` lists it).
 * Type-only and free of dependencies, so the browser bundle imports it as it is.
 */
export interface CredentialField {
  name: string;
  label: string;
  type: "password" | "text" | "select";
  required: boolean;
  options?: string[];
  /** Readable labels of `options`, by value (e.g. a region's host). */
  option_labels?: Record<string, string>;
  help?: string;
}
