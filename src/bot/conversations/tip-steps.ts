// One function per question of the tip flow. Each asks, then accepts only what that question needs;
// the parse functions are pure (they run again on every replay), and every send goes through `say`.
// The citizen's words are cleaned where they enter (src/text/clean.ts), before their length is judged.
import type { Context } from "grammy";
import { isTipConsent, isTipTopic, TIP_LIMITS, TIP_TOPICS, type TipConsent, type TipDraft, type TipTopic } from "../../tips/tip-types.ts";
import { inline, pressed, type Outcome, type Prompt } from "./tip-prompt.ts";
import { cleanText } from "../../text/clean.ts";
import { truncate } from "../../text/truncate.ts";

/** Callback data of the citizen's buttons; "tipc:" keeps them apart from the desk's "tip:". */
export const CITIZEN_PREFIX = "tipc";

export type Draft = Partial<TipDraft> & { attachments: TipDraft["attachments"] };

/** Button presses that belong to another question (an older message) get this toast. */
const stale = { hint: "tip-hint-stale-button" } as const;

export async function askTopic(io: Prompt, draft: Draft): Promise<void> {
  await io.say("tip-ask-topic", {}, {
    markup: (t) => inline(TIP_TOPICS.map((topic) => [t(`tip-topic-${topic}`), `${CITIZEN_PREFIX}:topic:${topic}`]), 2),
  });
  const { value } = await io.ask<TipTopic>((ctx) => {
    const topic = pressed(ctx, `${CITIZEN_PREFIX}:topic`);
    if (isTipTopic(topic)) return { value: topic };
    return ctx.callbackQuery ? stale : { hint: "tip-hint-use-buttons" };
  });
  draft.topic = value;
}

export async function askText(io: Prompt, draft: Draft): Promise<void> {
  await io.say("tip-ask-text", { min: TIP_LIMITS.textMin, max: TIP_LIMITS.textMax });
  const { value } = await io.ask((ctx): Outcome<{ text: string; voiceFileId?: string }> => {
    const message = ctx.message;
    if (!message) return stale;
    if (message.voice) return { value: { text: "", voiceFileId: message.voice.file_id } };
    if (message.text === undefined) {
      return message.photo || message.video || message.document ? { hint: "tip-hint-text-first" } : { hint: "tip-hint-text-expected" };
    }
    const text = cleanText(message.text).trim();
    if (text.length < TIP_LIMITS.textMin) return { hint: "tip-hint-text-short", vars: { min: TIP_LIMITS.textMin } };
    if (text.length > TIP_LIMITS.textMax) return { hint: "tip-hint-text-long", vars: { max: TIP_LIMITS.textMax, length: text.length } };
    return { value: { text } };
  });
  draft.text = value.text;
  draft.voiceFileId = value.voiceFileId;
}

type MediaEvent = { file: { kind: "photo" | "video" | "document"; fileId: string }; group?: string } | { done: true };

export async function askMedia(io: Prompt, draft: Draft): Promise<void> {
  const max = TIP_LIMITS.attachmentsMax;
  await io.say("tip-ask-media", { max }, { markup: (t) => inline([[t("tip-button-skip"), `${CITIZEN_PREFIX}:media:skip`]]) });
  // Albums arrive as one message per item with a shared media_group_id: acknowledge each group once.
  const acknowledged = new Set<string>();
  // Past the limit a file is refused with a hint, once per album: the album's other items are dropped
  // unseen (never stored in the conversation). Rebuilt on replay, like everything in here.
  const refused = new Set<string>();
  const parse = (ctx: Context): Outcome<MediaEvent> => {
    const outcome = parseMedia(ctx);
    if (!("value" in outcome) || "done" in outcome.value || draft.attachments.length < max) return outcome;
    const group = outcome.value.group;
    if (group !== undefined && refused.has(group)) return { ignore: true };
    if (group !== undefined) refused.add(group);
    return { hint: "tip-hint-media-limit", vars: { max } };
  };
  for (;;) {
    const { value: event } = await io.ask<MediaEvent>(parse);
    if ("done" in event) return;
    const key = event.group ?? `single:${draft.attachments.length}:${event.file.fileId}`;
    draft.attachments.push(event.file);
    if (acknowledged.has(key)) continue;
    acknowledged.add(key);
    await io.say("tip-media-received", { max }, {
      markup: (t) => inline([[t("tip-button-done"), `${CITIZEN_PREFIX}:media:done`]]),
    });
  }
}

function parseMedia(ctx: Context): Outcome<MediaEvent> {
  const press = pressed(ctx, `${CITIZEN_PREFIX}:media`);
  if (press === "done" || press === "skip") return { value: { done: true } };
  if (ctx.callbackQuery) return stale;
  const m = ctx.message!;
  const group = m.media_group_id;
  // The largest size of a photo is the last one.
  if (m.photo) return { value: { file: { kind: "photo", fileId: m.photo.at(-1)!.file_id }, group } };
  if (m.video) return { value: { file: { kind: "video", fileId: m.video.file_id }, group } };
  if (m.document) return { value: { file: { kind: "document", fileId: m.document.file_id }, group } };
  return { hint: "tip-hint-media-expected" };
}

export async function askPlace(io: Prompt, draft: Draft): Promise<void> {
  await io.say("tip-ask-place", { max: TIP_LIMITS.placeMax }, {
    markup: (t) => ({
      keyboard: [[{ text: t("tip-button-send-location"), request_location: true }], [{ text: t("tip-button-skip") }]],
      resize_keyboard: true, one_time_keyboard: true,
    }),
  });
  const { value } = await io.ask((ctx): Outcome<{ placeText?: string; latitude?: number; longitude?: number } | null> => {
    const m = ctx.message;
    if (!m) return stale;
    if (m.venue) return { value: { placeText: truncate(cleanText(`${m.venue.title}, ${m.venue.address}`), TIP_LIMITS.placeMax), ...m.venue.location } };
    if (m.location) return { value: { latitude: m.location.latitude, longitude: m.location.longitude } };
    if (m.text === undefined) return { hint: "tip-hint-place-expected" };
    const text = cleanText(m.text).trim();
    if (text === io.labels.skip) return { value: null };
    if (text.length > TIP_LIMITS.placeMax) return { hint: "tip-hint-place-long", vars: { max: TIP_LIMITS.placeMax, length: text.length } };
    return text === "" ? { hint: "tip-hint-place-expected" } : { value: { placeText: text } };
  });
  draft.placeText = value?.placeText;
  draft.latitude = value?.latitude;
  draft.longitude = value?.longitude;
  await io.say(value ? "tip-place-saved" : "tip-place-skipped", {}, { markup: () => ({ remove_keyboard: true }) });
}

export async function askContact(io: Prompt, draft: Draft): Promise<void> {
  await io.say("tip-ask-contact", {}, {
    markup: (t) => ({
      keyboard: [[{ text: t("tip-button-share-phone"), request_contact: true }], [{ text: t("tip-button-anonymous") }]],
      resize_keyboard: true, one_time_keyboard: true,
    }),
  });
  const { value } = await io.ask((ctx): Outcome<string | null> => {
    const m = ctx.message;
    if (!m) return stale;
    // Only the citizen's own number: a forwarded contact card is someone else's phone.
    if (m.contact) return m.contact.user_id === ctx.from?.id ? { value: m.contact.phone_number } : { hint: "tip-hint-contact-own" };
    if (m.text?.trim() === io.labels.anonymous) return { value: null };
    return { hint: "tip-hint-contact-expected" };
  });
  draft.contactPhone = value ?? undefined;
  await io.say(value ? "tip-contact-saved" : "tip-contact-anonymous", {}, { markup: () => ({ remove_keyboard: true }) });
}

export async function askConsent(io: Prompt, draft: Draft): Promise<void> {
  await io.say("tip-ask-consent", {}, {
    markup: (t) => inline((["name", "anonymous", "none"] as const).map((c) => [t(`tip-consent-button-${c}`), `${CITIZEN_PREFIX}:consent:${c}`])),
  });
  const { value } = await io.ask<TipConsent>((ctx) => {
    const consent = pressed(ctx, `${CITIZEN_PREFIX}:consent`);
    if (isTipConsent(consent)) return { value: consent };
    return ctx.callbackQuery ? stale : { hint: "tip-hint-use-buttons" };
  });
  draft.consent = value;
}

export const STEPS = { topic: askTopic, text: askText, media: askMedia, place: askPlace, contact: askContact, consent: askConsent } as const;
export type StepName = keyof typeof STEPS;
