export { opsgenie } from "./definition.ts";
