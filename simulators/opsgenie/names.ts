/**
 * Word lists for the generated directory. Names deliberately include non-ASCII letters and one-word
 * names, because clients that assume "First Last" in ASCII are exactly what the simulator must catch.
 */
export const FIRST_NAMES = [
  "James",
  "Mary",
  "Robert",
  "Patricia",
  "John",
  "Jennifer",
  "Michael",
  "Linda",
  "David",
  "Elizabeth",
  "William",
  "Barbara",
  "Richard",
  "Susan",
  "Joseph",
  "Jessica",
  "Thomas",
  "Sarah",
  "Charles",
  "Karen",
  "Priya",
  "Arjun",
  "Wei",
  "Mei",
  "Hiroshi",
  "Yuki",
  "Olga",
  "Dmitri",
  "Fatima",
  "Omar",
  "Aisha",
  "Kwame",
  "José",
  "María",
  "Zoë",
  "Łukasz",
  "Søren",
  "Björn",
  "Ingrid",
  "François",
  "Hélène",
  "Jürgen",
  "Çağla",
  "Ñuño",
  "Ana",
  "Małgorzata",
  "Chloé",
  "Renée",
  "Noël",
  "Ségolène",
  "Miloš",
  "Dagný",
  "Åsa",
  "Oğuz",
  "Lucía",
  "Andrés",
  "Thảo",
  "Nguyễn",
  "Kateřina",
  "Tomáš",
  "Gábor",
  "Emeka",
  "Siobhán",
  "Niamh",
] as const;

export const LAST_NAMES = [
  "Smith",
  "Johnson",
  "Williams",
  "Brown",
  "Jones",
  "Garcia",
  "Miller",
  "Davis",
  "Rodriguez",
  "Martinez",
  "Müller",
  "Schröder",
  "Nowak",
  "Kowalski",
  "Wiśniewska",
  "Dvořák",
  "Novák",
  "Søndergaard",
  "Ødegård",
  "García Márquez",
  "O'Brien",
  "McAllister",
  "Nakamura",
  "Tanaka",
  "Kim",
  "Park",
  "Chen",
  "Wang",
  "Singh",
  "Patel",
  "Okafor",
  "Mensah",
  "Ivanov",
  "Petrova",
  "Lefèvre",
  "Dubois",
  "Rossi",
  "Bianchi",
  "Öztürk",
  "Yılmaz",
  "Fernández",
  "Núñez",
  "de la Cruz",
  "van der Berg",
  "Åberg",
  "Lindqvist",
  "Horváth",
  "Nagy",
] as const;

/** People who go by one name only. */
export const SINGLE_NAMES = [
  "Zoë",
  "Madonna",
  "Teller",
  "Ólafur",
  "Björk",
  "Sukarno",
  "Ronaldinho",
  "Pelé",
] as const;

export const EMAIL_DOMAINS = ["example.com", "acme.example", "corp.example.org"] as const;

export const TIME_ZONES = [
  "America/New_York",
  "America/Chicago",
  "America/Los_Angeles",
  "America/Sao_Paulo",
  "Europe/London",
  "Europe/Berlin",
  "Europe/Istanbul",
  "Europe/Moscow",
  "Asia/Kolkata",
  "Asia/Tokyo",
  "Asia/Singapore",
  "Australia/Sydney",
  "Africa/Lagos",
  "UTC",
] as const;

export const LOCALES = [
  "en_US",
  "en_GB",
  "de_DE",
  "fr_FR",
  "es_ES",
  "pt_BR",
  "ja_JP",
  "tr_TR",
  "pl_PL",
] as const;

export const ADDRESSES = [
  { country: "US", state: "Indiana", city: "Terre Haute", line: "567 Stratford Park", zipCode: "47802" },
  { country: "US", state: "California", city: "San Francisco", line: "1 Market St", zipCode: "94105" },
  { country: "DE", state: "Bayern", city: "München", line: "Leopoldstraße 12", zipCode: "80802" },
  { country: "PL", state: "Mazowieckie", city: "Warszawa", line: "ul. Świętokrzyska 30", zipCode: "00-116" },
  { country: "TR", state: "İstanbul", city: "Kadıköy", line: "Moda Cd. 5", zipCode: "34710" },
  { country: "JP", state: "Tokyo", city: "Shibuya", line: "2-21-1 Shibuya", zipCode: "150-0002" },
] as const;

export const USER_TAGS = [
  "oncall",
  "sre",
  "manager",
  "contractor",
  "EMEA",
  "APAC",
  "AMER",
  "ITManager",
] as const;

export const TEAM_WORDS = [
  "Platform",
  "Payments",
  "Search",
  "Identity",
  "Mobile",
  "Web",
  "Data",
  "Infra",
  "Network",
  "Security",
  "Billing",
  "Growth",
  "Checkout",
  "Storage",
  "Observability",
  "Database",
  "Edge",
  "Support",
  "Release",
  "Messaging",
  "Analytics",
  "Core",
  "API",
  "Frontend",
  "Backend",
  "Kubernetes",
  "Compliance",
  "Fraud",
] as const;

export const TEAM_SUFFIXES = ["Team", "SRE", "Ops", "On-Call", "Engineering", "Squad"] as const;

export const CUSTOM_ROLE_NAMES = [
  "Incident Commander",
  "Responder Lite",
  "Read Only Auditor",
  "NOC Operator",
  "Escalation Manager",
  "Stakeholder Plus",
  "Shift Lead",
  "Support Agent",
] as const;

export const USER_RIGHTS = [
  "alert-action",
  "alert-create",
  "alert-delete",
  "alert-delete-note",
  "alert-close",
  "alert-close-all",
  "alert-update-priority",
  "alert-escalate",
  "logs-page-access",
  "reports-access",
  "configure-integrations",
  "manage-schedules",
  "manage-escalations",
  "manage-heartbeats",
] as const;

export const TEAM_RIGHTS = [
  "manage-members",
  "edit-team-roles",
  "delete-team-roles",
  "access-reports",
  "edit-escalations",
  "delete-escalations",
  "edit-heartbeats",
  "edit-integrations",
  "edit-schedules",
  "edit-routing-rules",
] as const;

export const TEAM_ROLE_NAMES = ["Incident Lead", "Scheduler", "Observer Member"] as const;

const SPECIAL_LETTERS: Record<string, string> = {
  ł: "l",
  Ł: "l",
  ø: "o",
  Ø: "o",
  ß: "ss",
  æ: "ae",
  đ: "d",
  ı: "i",
};

/** "José Müller" -> "jose.muller": the lower-case ASCII local part of an e-mail username. */
export function emailLocalPart(fullName: string): string {
  const ascii = fullName
    .replace(/[łŁøØßæđı]/g, (c) => SPECIAL_LETTERS[c] ?? c)
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();
  return ascii
    .replace(/[^a-z0-9]+/g, ".")
    .replace(/^\.+|\.+$/g, "")
    .slice(0, 60);
}
