// Readers: subscriber figures and broadcast progress. Shown only when the server has a subscriptions
// service wired to /app/api/readers (features.readers in /app/api/me).
import { t } from "../i18n.ts";
import { useLive } from "../live.ts";

interface Readers {
  stats: { subscribed: number; blocked: number; change7d: number; byLanguage: Record<string, number> };
  broadcasts: Array<{ id: number | string; status: string; total: number; sent: number; blocked: number; failed: number }>;
}

export function ReadersScreen() {
  const { data } = useLive<Readers>("/readers", 5000);
  if (!data) return <p>{t("console-loading")}</p>;
  const { stats } = data;
  return (
    <section class="list">
      <div class="figures">
        <div><b>{stats.subscribed}</b><span>{t("console-readers-subscribed")}</span></div>
        <div><b>{stats.change7d >= 0 ? `+${stats.change7d}` : stats.change7d}</b><span>{t("console-readers-change")}</span></div>
        <div><b>{stats.blocked}</b><span>{t("console-readers-blocked")}</span></div>
        {Object.entries(stats.byLanguage).map(([language, count]) => <div><b>{count}</b><span>{language.toUpperCase()}</span></div>)}
      </div>
      <h2>{t("console-readers-broadcasts")}</h2>
      <ul class="cards">
        {data.broadcasts.map((b) => (
          <li class="card">
            <div class="row"><b>#{b.id}</b><span class="badge">{b.status}</span><span class="muted right">{b.sent} / {b.total}</span></div>
            <div class="bar"><div class="fill" style={{ width: `${b.total ? Math.round((100 * b.sent) / b.total) : 0}%` }} /></div>
            <p class="muted small">{t("console-readers-progress", { blocked: b.blocked, failed: b.failed })}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
