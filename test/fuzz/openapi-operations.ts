/** One operation of Roster's served OpenAPI document, reduced to what a request generator needs. */
export interface FuzzOperation {
  method: string;
  /** The documented path, e.g. `/integrated-account/{id}`. */
  path: string;
  pathParams: string[];
  queryParams: string[];
  /** Top-level properties of the JSON body, when the operation takes one. */
  bodyProperties: string[] | null;
  /** `security: []`: callable without a bearer token. */
  public: boolean;
}

interface RawOperation {
  parameters?: { name: string; in: string }[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
  security?: unknown[];
}
interface JsonSchema {
  $ref?: string;
  properties?: Record<string, unknown>;
}
interface OpenApiDocument {
  paths: Record<string, Record<string, RawOperation>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

const METHODS = new Set(["get", "put", "post", "delete", "patch", "options", "head"]);

/** Every operation of the document, in document order. */
export function fuzzOperations(document: OpenApiDocument): FuzzOperation[] {
  const resolve = (schema: JsonSchema | undefined): JsonSchema | undefined => {
    const ref = schema?.$ref?.replace("#/components/schemas/", "");
    return ref ? document.components?.schemas?.[ref] : schema;
  };
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.has(method))
      .map(([method, op]) => {
        const parameters = op.parameters ?? [];
        const body = resolve(op.requestBody?.content?.["application/json"]?.schema);
        return {
          method: method.toUpperCase(),
          path,
          pathParams: parameters.filter((p) => p.in === "path").map((p) => p.name),
          queryParams: parameters.filter((p) => p.in === "query").map((p) => p.name),
          bodyProperties: op.requestBody ? Object.keys(body?.properties ?? {}) : null,
          public: Array.isArray(op.security) && op.security.length === 0,
        };
      }),
  );
}
