export { jsm } from "./definition.ts";
