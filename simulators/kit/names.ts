/**
 * Word lists for generated directories, shared by every simulator. Names deliberately include non-ASCII
 * letters and one-word names, because clients that assume "First Last" in ASCII are exactly what a
 * simulator must catch. Provider vocabularies (rights, role names, address shapes) stay with their simulator.
 */
/** Given names, ASCII and not. */
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

/** Family names, including multi-word and apostrophe ones. */
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

/** Domains of generated e-mail addresses (reserved example domains only). */
export const EMAIL_DOMAINS = ["example.com", "acme.example", "corp.example.org"] as const;

/** IANA time zone names. */
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

/** Locales in `language_REGION` form (a provider that writes `en-US` swaps the separator). */
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

/** First words of generated team names (also used as department names). */
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

/** Last words of generated team names. */
export const TEAM_SUFFIXES = ["Team", "SRE", "Ops", "On-Call", "Engineering", "Squad"] as const;

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
