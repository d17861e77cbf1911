import { describe, expect, it } from "vitest";
import { seatTotals } from "./seat-figures.ts";

const license = (assigned: number | null, available: number | null) => ({
  id: "l",
  name: "L",
  assigned_quantity: assigned,
  available_quantity: available,
});

describe("seatTotals", () => {
  it("adds up the seats of every license", () => {
    expect(seatTotals([license(3, 10), license(2, 5)])).toEqual({ seats_used: 5, seats_available: 15 });
  });

  it("leaves the total available unknown when any license sets no limit, and counts the seats that are known", () => {
    expect(seatTotals([license(3, 10), license(2, null)])).toEqual({ seats_used: 5, seats_available: null });
    expect(seatTotals([license(null, 10), license(4, 5)])).toEqual({ seats_used: 4, seats_available: 15 });
    expect(seatTotals([license(null, null)])).toEqual({ seats_used: null, seats_available: null });
  });
});
