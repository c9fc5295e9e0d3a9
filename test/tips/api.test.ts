import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";
import { Citizen, sendFullTip, trackHandling } from "./driver.ts";

describe("tips API", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    const settle = trackHandling(t);
    for (let i = 0; i < 3; i++) await sendFullTip(new Citizen(t, settle, 7000 + i, "ru"), { photos: i === 0 ? 0 : 2, phone: `+7701000000${i}` });
    const [newest] = await t.app.services.tips.list({ limit: 1 });
    await t.app.services.tips.setStatus(newest!.id, "accepted");
  });
  afterAll(() => t.close());

  it("lists tips newest first, paged, with the contact for editors", async () => {
    const first = await t.api("GET", "/api/tips?limit=2");
    expect(first.status).toBe(200);
    expect(first.body.items.map((x: { reference: string }) => x.reference)).toEqual(["T-1003", "T-1002"]);
    expect(first.body.items[0]).toMatchObject({ contactPhone: "+77010000002", status: "accepted", attachments: [{ kind: "photo" }, { kind: "photo" }] });
    expect(first.body.items[0].place).toMatchObject({ latitude: 49.8, longitude: 73.1 });
    const second = await t.api("GET", `/api/tips?limit=2&before=${first.body.nextBefore}`);
    expect(second.body.items.map((x: { reference: string }) => x.reference)).toEqual(["T-1001"]);
    expect(second.body.nextBefore).toBeNull();
  });

  it("filters by status and names a bad one", async () => {
    const accepted = await t.api("GET", "/api/tips?status=accepted");
    expect(accepted.body.items).toHaveLength(1);
    const bad = await t.api("GET", "/api/tips?status=maybe&limit=500");
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.fields).sort()).toEqual(["limit", "status"]);
  });

  it("finds a tip by id or by reference, with its thread", async () => {
    const byRef = await t.api("GET", "/api/tips/T-1002");
    expect(byRef.body).toMatchObject({ reference: "T-1002", messages: [] });
    const byId = await t.api("GET", `/api/tips/${byRef.body.id}`);
    expect(byId.body.reference).toBe("T-1002");
    expect((await t.api("GET", "/api/tips/T-9999")).status).toBe(404);
  });

  it("refuses calls without the bearer token", async () => {
    const response = await t.app.server.inject({ method: "GET", url: "/api/tips" });
    expect(response.statusCode).toBe(401);
  });
});
