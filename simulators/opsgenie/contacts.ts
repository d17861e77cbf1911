/** User contacts (reference §3.6): `/v2/users/{id}/contacts` list, get and create. */
import { randomUUID } from "node:crypto";
import { requiredString } from "../kit/field-checks.ts";
import { HttpError, ok, type Reply } from "../kit/reply.ts";
import { notFound, success } from "./envelope.ts";
import type { ContactMethod } from "./model.ts";
import { type RequestContext, type Route, route } from "./route.ts";
import { contactView } from "./user-view.ts";
import { requireUser } from "./users.ts";
import { bodyObject, fieldErrors } from "./validate.ts";

const METHODS: readonly ContactMethod[] = ["email", "sms", "voice", "mobile"];

function listContacts(ctx: RequestContext): Reply {
  return ok({ data: requireUser(ctx).contacts.map(contactView) });
}

function getContact(ctx: RequestContext): Reply {
  const contact = requireUser(ctx).contacts.find((c) => c.id === ctx.params.contactId);
  if (!contact) throw notFound("Contact");
  return ok({ data: contactView(contact) });
}

function createContact(ctx: RequestContext): Reply {
  const { dir } = ctx.state;
  const user = requireUser(ctx);
  const b = bodyObject(ctx.body);
  const errs = fieldErrors();
  const method = requiredString(b, "method", errs);
  const to = requiredString(b, "to", errs);
  if (method !== undefined && !METHODS.includes(method as ContactMethod)) {
    errs.add("method", `method must be one of ${METHODS.join(", ")}`);
  }
  errs.throwIfAny();
  if (!method || !to) throw new HttpError(422, "Request body is not processable.");
  if (user.contacts.some((c) => c.method === method && c.to === to)) {
    throw new HttpError(409, "Contact already exists.");
  }
  const id = randomUUID();
  const contacts = [
    ...user.contacts,
    { id, method: method as ContactMethod, to, enabled: true, applyOrder: user.contacts.length },
  ];
  dir.updateUser(user, { contacts });
  return success("Created", { id }, 201);
}

export const contactRoutes: Route[] = [
  route("GET", "/v2/users/:identifier/contacts", listContacts),
  route("GET", "/v2/users/:identifier/contacts/:contactId", getContact),
  route("POST", "/v2/users/:identifier/contacts", createContact),
];
