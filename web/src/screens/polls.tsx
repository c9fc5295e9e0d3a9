// Polls: merged results (Telegram + site) as bars that move as votes arrive, each chat's own counts, close.
import { useState } from "preact/hooks";
import { api, describeError } from "../api.ts";
import { ago, t } from "../i18n.ts";
import { useLive } from "../live.ts";

interface PollView {
  id: number; question: string; status: string; closesAt: string | null; createdAt: string;
  options: Array<{ index: number; text: string; telegram: number; site: number; total: number; percent: number }>;
  votes: { telegram: number; site: number; total: number };
  copies: Array<{ chat: string; state: string; counts: number[]; voters: number }>;
}

export function PollsScreen() {
  const { data, reload } = useLive<{ items: PollView[] }>("/polls?limit=20", 2000);
  const [message, setMessage] = useState<string | null>(null);
  const close = async (poll: PollView) => {
    if (!window.confirm(t("console-confirm-close-poll"))) return;
    try {
      await api(`/polls/${poll.id}/close`, { method: "POST", body: {} });
      setMessage(t("console-done-close"));
      reload();
    } catch (error) {
      setMessage(describeError(error, t));
    }
  };
  return (
    <section class="list">
      {message && <p class="note" role="status">{message}</p>}
      {data?.items.length === 0 && <p class="empty">{t("console-polls-empty")}</p>}
      <ul class="cards">
        {data?.items.map((poll) => (
          <li key={poll.id} class="card" data-poll={poll.id}>
            <div class="row">
              <b class="title">{poll.question}</b>
              <span class={`badge poll-${poll.status}`}>{t(`console-poll-${poll.status}`)}</span>
            </div>
            <p class="muted small">
              {t("console-poll-votes", { total: poll.votes.total, telegram: poll.votes.telegram, site: poll.votes.site })}
              {poll.closesAt && poll.status === "open" ? ` · ${t("console-poll-closes", { when: ago(poll.closesAt) })}` : ""}
            </p>
            <ol class="bars">
              {poll.options.map((option) => (
                <li data-option={option.index} data-total={option.total}>
                  <div class="bar-label"><span>{option.text}</span><span class="muted">{option.total} · {option.percent}%</span></div>
                  <div class="bar"><div class="fill" style={{ width: `${option.percent}%` }} /></div>
                </li>
              ))}
            </ol>
            <details>
              <summary>{t("console-poll-per-chat")}</summary>
              <table class="per-chat">
                <tbody>
                  {poll.copies.map((copy) => (
                    <tr><td>{copy.chat}</td><td class="muted">{t(`console-copy-${copy.state}`)}</td><td>{copy.counts.join(" / ") || "—"}</td></tr>
                  ))}
                  <tr><td>{t("console-poll-site")}</td><td /><td>{poll.options.map((o) => o.site).join(" / ")}</td></tr>
                </tbody>
              </table>
            </details>
            {poll.status === "open" && <div class="actions"><button class="danger" data-action="close" onClick={() => close(poll)}>{t("console-action-close-poll")}</button></div>}
          </li>
        ))}
      </ul>
    </section>
  );
}
