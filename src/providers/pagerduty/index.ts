export { pagerduty } from "./definition.ts";
