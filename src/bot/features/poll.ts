// Reader polls in the bot: counting votes (`poll`, `poll_answer` updates, from anyone) and the editors'
// commands /poll, /closepoll and /stats. The guided form is a reply to the bot's prompt, so it needs no
// stored dialogue state and survives restarts: the prompt message itself is the state.
import { Composer } from "grammy";
import type { BotContext } from "../context.ts";
import type { BotDeps } from "../deps.ts";
import { PollNotFoundError, type PollReference } from "../../polls/poll-service.ts";
import { shownId } from "../../db/ids.ts";
import { PollValidationError } from "../../polls/poll-input.ts";
import { parsePollCommand } from "../../polls/poll-command.ts";
import { renderResults } from "../../polls/poll-report.ts";
import type { PollWithCopies } from "../../polls/poll-repository.ts";

export function createPollFeature(deps: BotDeps) {
  const feature = new Composer<BotContext>();

  feature.on("poll", async (ctx) => {
    await deps.services.polls.recordPoll(ctx.poll, ctx.update.update_id);
    deps.metrics.pollVotes.inc({ type: "poll" });
  });
  feature.on("poll_answer", async (ctx) => {
    await deps.services.polls.recordAnswer(ctx.pollAnswer, ctx.update.update_id);
    deps.metrics.pollVotes.inc({ type: "poll_answer" });
  });

  const editors = feature.filter((ctx) => ctx.state.isEditor);

  const formatDate = (ctx: BotContext, date: Date) =>
    new Intl.DateTimeFormat(ctx.t("poll-date-locale"), { dateStyle: "medium", timeStyle: "short", timeZone: deps.config.timezone }).format(date);

  /** Each problem in the editor's language, one per line: what is wrong and where. */
  const explain = (ctx: BotContext, error: PollValidationError) =>
    [ctx.t("poll-error-title"), ...error.problems.map((p) => `• ${ctx.t(`poll-error-${p.code}`, { field: p.field, ...p.params })}`)].join("\n");

  async function create(ctx: BotContext, body: string): Promise<void> {
    const command = parsePollCommand(body, deps.clock.now(), deps.config.timezone);
    if (!command.ok) {
      await ctx.reply(command.code === "usage" ? ctx.t("poll-usage") : `${ctx.t("poll-error-title")}\n• ${ctx.t(`poll-error-${command.code}`, command.params)}`);
      return;
    }
    try {
      const { poll, created } = await deps.services.polls.create(command.input, { createdBy: `telegram:${ctx.from?.id ?? "?"}` });
      const closes = poll.closesAt ? ctx.t("poll-created-closes", { date: formatDate(ctx, poll.closesAt) }) : ctx.t("poll-created-no-close");
      await ctx.reply([
        ctx.t(created ? "poll-created" : "poll-exists", { id: poll.id, question: poll.question }),
        ctx.t("poll-created-chats", { chats: poll.copies.map((c) => c.chatId).join(", ") }),
        closes,
        ctx.t("poll-created-hint", { id: poll.id }),
      ].join("\n"));
    } catch (error) {
      if (!(error instanceof PollValidationError)) throw error;
      await ctx.reply(explain(ctx, error));
    }
  }

  editors.command("poll", async (ctx) => {
    const body = ctx.match.trim();
    if (body) return create(ctx, body);
    // A selective force_reply opens the reply box only for users mentioned in the text or the sender of the
    // message it replies to (Bot API, ForceReply): without the reply, nobody in a group would get it.
    await ctx.reply(ctx.t("poll-ask"), {
      reply_parameters: { message_id: ctx.msg.message_id, allow_sending_without_reply: true },
      reply_markup: { force_reply: true, selective: true, input_field_placeholder: ctx.t("poll-ask-placeholder") },
    });
  });

  // The second half of the guided form: the editor's reply to the prompt above.
  editors.on("message:text").filter(
    (ctx) => ctx.message.reply_to_message?.from?.id === ctx.me.id && ctx.message.reply_to_message.text === ctx.t("poll-ask"),
    (ctx) => create(ctx, ctx.message.text),
  );

  /**
   * What an editor typed: "#12" or "№12" is our id (the bot shows polls so); anything else is read as the API
   * reads `:id` — the externalId, else the id of a poll created without one.
   */
  async function withPoll(ctx: BotContext, typed: string, usage: string, run: (reference: PollReference) => Promise<void>): Promise<void> {
    if (!typed) {
      await ctx.reply(ctx.t(usage));
      return;
    }
    const shown = shownId(typed);
    const reference = shown === undefined ? typed : shown ?? 0;
    try {
      await run(reference);
    } catch (error) {
      if (!(error instanceof PollNotFoundError)) throw error;
      await ctx.reply(ctx.t("poll-not-found", { id: typed }));
    }
  }

  editors.command("closepoll", (ctx) => withPoll(ctx, ctx.match.trim(), "poll-close-usage", async (reference) => {
    const before = await deps.services.polls.find(reference);
    if (before?.status === "closed") {
      await ctx.reply(ctx.t("poll-already-closed", { id: before.id }));
      return;
    }
    const poll = await deps.services.polls.close(reference);
    await ctx.reply(ctx.t("poll-closed", { id: poll.id, question: poll.question }));
  }));

  editors.command("stats", (ctx) => withPoll(ctx, ctx.match.trim(), "poll-stats-usage", async (reference) => {
    const { poll, results } = await deps.services.polls.report(reference);
    const locale = ctx.t("poll-date-locale");
    const body = renderResults(poll.question, results, (key, vars) => ctx.t(key, vars), locale, poll.status === "closed");
    await ctx.reply([body, "", status(ctx, poll), ...poll.copies.map((copy) => ctx.t("poll-stats-copy", {
      chat: copy.chatId, state: ctx.t(`poll-state-${copy.state}`), voters: copy.totalVoters, error: copy.lastError ?? "",
    }).trimEnd())].join("\n"), { link_preview_options: { is_disabled: true } });
  }));

  const status = (ctx: BotContext, poll: PollWithCopies) => poll.status === "closed"
    ? ctx.t("poll-stats-closed", { id: poll.id, date: formatDate(ctx, poll.closedAt ?? deps.clock.now()) })
    : poll.closesAt ? ctx.t("poll-stats-open-until", { id: poll.id, date: formatDate(ctx, poll.closesAt) }) : ctx.t("poll-stats-open", { id: poll.id });

  return feature;
}
