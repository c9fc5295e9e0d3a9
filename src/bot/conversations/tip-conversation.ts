// The citizen's tip, as a dialogue: topic → what happened → media → where → contact → consent → preview.
// The preview loops until the citizen sends or cancels; "Edit" re-asks one question. Only dialogue lives
// here: Send stores the tip in one conversation.external() call and answers at once with its reference.
// The card reaches the editors outside the conversation (the tip service's card outbox, decision 006), so
// a slow or refusing editors' chat never keeps a citizen waiting.
import { randomUUID } from "node:crypto";
import type { Context } from "grammy";
import type { TipService } from "../../tips/tip-service.ts";
import type { Clock } from "../../clock.ts";
import { renderTipCard } from "../../tips/tip-card.ts";
import { TipBannedError } from "../../tips/tip-errors.ts";
import type { TipDraft } from "../../tips/tip-types.ts";
import { createPrompt, inline, pressed, type Prompt, type TipConversation } from "./tip-prompt.ts";
import { CITIZEN_PREFIX, STEPS, type Draft, type StepName } from "./tip-steps.ts";

export const TIP_CONVERSATION = "tip";
/**
 * Bump whenever the sequence of waits or externals changes: stored replays of the old flow are then dropped.
 * (Moving the card out of the Send external changed what it does, not the sequence: still 2. The clock
 * read after each answer, for the conversation's maximum age, made it 3.)
 */
export const TIP_FLOW_VERSION = 3;

export interface TipConversationDeps {
  tips: TipService;
  clock: Clock;
  /** a conversation ends this long after it started (TIP_CONVERSATION_TTL_MINUTES), however active */
  maxAgeMs: number;
}

type Submitted = { reference: string } | { banned: true };

export function createTipConversation(deps: TipConversationDeps) {
  return async function tip(conversation: TipConversation, ctx: Context): Promise<void> {
    const io = await createPrompt(conversation, ctx.chat!.id, { now: () => deps.clock.now().getTime(), maxAgeMs: deps.maxAgeMs });
    const draft: Draft = { attachments: [] };
    for (const step of ["topic", "text", "media", "place", "contact", "consent"] as const) await STEPS[step](io, draft);

    let shown = await preview(io, draft as TipDraft);
    while (shown.choice === "edit") {
      const step = await askWhatToEdit(io);
      if (step === "media") draft.attachments = [];
      await STEPS[step](io, draft);
      shown = await preview(io, draft as TipDraft);
    }
    if (shown.choice === "cancel") {
      await io.say("tip-cancelled", {}, { markup: () => ({ remove_keyboard: true }) });
      return;
    }
    const { submissionKey } = shown;

    const result = await conversation.external(async (outer): Promise<Submitted> => {
      const user = outer.state.user!;
      try {
        const language = await outer.i18n.getLocale();
        // A replayed Send (decision 006) gets the tip stored the first time. submit() starts posting the
        // card without waiting for it; the citizen is told the tip goes to the editors, not that they saw it.
        const stored = await deps.tips.submit({ userId: user.id, language, draft: draft as TipDraft, submissionKey });
        return { reference: stored.reference };
      } catch (error) {
        if (error instanceof TipBannedError) return { banned: true };
        throw error;
      }
    });
    if ("banned" in result) await io.say("tip-banned");
    else await io.say("tip-sent", { reference: result.reference });
  };
}

/**
 * Shows the tip and waits for a decision. The key for this preview's Send is drawn before its buttons
 * exist, so it is in the saved replay log whenever Send can be pressed: a Send replayed after a crash
 * submits the same key. A new preview (after an edit) is new content and gets a new key.
 */
async function preview(io: Prompt, draft: TipDraft): Promise<{ choice: "send" | "edit" | "cancel"; submissionKey: string }> {
  const submissionKey = await io.conversation.external(() => randomUUID());
  const name = await io.conversation.external((outer) => outer.from?.first_name ?? null);
  await io.say("tip-preview-intro", {}, {
    html: (t) => `${t("tip-preview-intro")}\n\n${renderTipCard({ ...draft, authorName: name }, t, { heading: t("tip-preview-heading") })}`,
    markup: (t) => inline([
      [t("tip-button-send"), `${CITIZEN_PREFIX}:preview:send`],
      [t("tip-button-edit"), `${CITIZEN_PREFIX}:preview:edit`],
      [t("tip-button-cancel"), `${CITIZEN_PREFIX}:preview:cancel`],
    ], 3),
  });
  const { value } = await io.ask<"send" | "edit" | "cancel">((ctx) => {
    const choice = pressed(ctx, `${CITIZEN_PREFIX}:preview`);
    if (choice === "send" || choice === "edit" || choice === "cancel") return { value: choice };
    return ctx.callbackQuery ? { hint: "tip-hint-stale-button" } : { hint: "tip-hint-use-buttons" };
  });
  return { choice: value, submissionKey };
}

async function askWhatToEdit(io: Prompt): Promise<StepName> {
  const steps = Object.keys(STEPS) as StepName[];
  await io.say("tip-ask-edit", {}, { markup: (t) => inline(steps.map((s) => [t(`tip-edit-${s}`), `${CITIZEN_PREFIX}:edit:${s}`]), 2) });
  const { value } = await io.ask<StepName>((ctx) => {
    const step = pressed(ctx, `${CITIZEN_PREFIX}:edit`) as StepName | undefined;
    if (step && steps.includes(step)) return { value: step };
    return ctx.callbackQuery ? { hint: "tip-hint-stale-button" } : { hint: "tip-hint-use-buttons" };
  });
  return value;
}
