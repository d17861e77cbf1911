interface TagObject {
  name: string;
  description?: string;
}

interface DocumentWithTags {
  paths?: Record<string, Record<string, unknown> | undefined>;
  tags?: TagObject[];
}

/**
 * The document's top-level `tags`: every tag its operations use, in the order they first appear (the order
 * routes are registered), each with its description when `described` has one. /docs lists declared tags
 * before undeclared ones, so declaring only the described ones would move them to the top.
 */
export function declareTags<D extends DocumentWithTags>(document: D, described: readonly TagObject[]): D {
  const names = new Set<string>();
  for (const item of Object.values(document.paths ?? {}))
    for (const operation of Object.values(item ?? {})) {
      const tags = (operation as { tags?: unknown } | null)?.tags;
      if (Array.isArray(tags)) for (const tag of tags) if (typeof tag === "string") names.add(tag);
    }
  for (const tag of described) names.add(tag.name);
  const descriptions = new Map(described.map((tag) => [tag.name, tag.description]));
  const tags = [...names].map((name) => {
    const description = descriptions.get(name);
    return description ? { name, description } : { name };
  });
  return { ...document, tags };
}
